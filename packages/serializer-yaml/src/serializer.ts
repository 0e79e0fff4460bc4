import { StatusError, type GroupVersionKind } from "@apimachinery/meta";
import type { Decoded, RuntimeObject, Serializer, SerializerInfo } from "@apimachinery/runtime";
import { findDuplicateKey } from "./duplicate-keys.js";
import { stringifyYaml } from "./emitter.js";
import { groupVersionKindOf, jsonTypeName } from "./group-version-kind.js";
import { parseDocuments, type ParseOptions, type ParsedDocument } from "./parse.js";

/** Options of a {@link YamlSerializer}. */
export interface YamlSerializerOptions extends ParseOptions {
  /** Reports duplicate mapping keys in `strictErrors`, as go-yaml v2's strict mode does. Default false. */
  readonly strict?: boolean;
}

const MEDIA_TYPE = "application/yaml";
const EXCERPT_LENGTH = 256;

function excerpt(text: string): string {
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH)}...`;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

/**
 * The YAML Serializer for `application/yaml`: decodes with go-yaml v2's YAML 1.1 rules
 * into the same plain objects that JSON decoding gives, and encodes as kubectl prints YAML.
 */
export class YamlSerializer implements Serializer {
  readonly mediaType = MEDIA_TYPE;
  readonly identifier: string;
  private readonly options: YamlSerializerOptions;

  constructor(options: YamlSerializerOptions = {}) {
    this.options = options;
    this.identifier = options.strict ? "yaml-strict" : "yaml";
  }

  /**
   * Decodes the first document of `data` as one object. Fails with a BadRequest
   * StatusError for malformed YAML, a document that is not a mapping, or a missing kind.
   */
  decode(data: Uint8Array | string, defaults?: Partial<GroupVersionKind>): Decoded {
    const documents = parseDocuments(data, this.options);
    const first = documents[0] ?? { value: null, line: 1 };
    if (first.value === null) {
      const text = typeof data === "string" ? data : utf8.decode(data);
      throw StatusError.badRequest(`Object 'Kind' is missing in '${excerpt(text)}'`);
    }
    return this.toDecoded(first, data, defaults, true);
  }

  /**
   * Decodes every document of a multi-document stream, skipping empty and comment-only
   * documents. Each document must be an object with a kind.
   */
  decodeAll(data: Uint8Array | string, defaults?: Partial<GroupVersionKind>): Decoded[] {
    return parseDocuments(data, this.options)
      .filter((document) => document.value !== null)
      .map((document) => this.toDecoded(document, data, defaults, false));
  }

  /** Encodes an object as YAML text in UTF-8. */
  encode(object: RuntimeObject): Uint8Array {
    return encoder.encode(stringifyYaml(object));
  }

  private toDecoded(document: ParsedDocument, data: Uint8Array | string, defaults: Partial<GroupVersionKind> | undefined, single: boolean): Decoded {
    const value = document.value;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw StatusError.badRequest(
        `couldn't get version/kind; json parse error: line ${document.line}: expected an object, got ${jsonTypeName(value)}`,
      );
    }
    const object = value as Record<string, unknown>;
    const gvk = groupVersionKindOf(object, defaults);
    if (gvk.kind === "") {
      const where = single ? `'${excerpt(typeof data === "string" ? data : utf8.decode(data))}'` : `the document at line ${document.line}`;
      throw StatusError.badRequest(`Object 'Kind' is missing in ${where}`);
    }
    if (!this.options.strict) return { object, gvk };
    const duplicate = findDuplicateKey(typeof data === "string" ? data : utf8.decode(data));
    return duplicate === undefined ? { object, gvk } : { object, gvk, strictErrors: [duplicate] };
  }
}

/** The lenient YAML serializer. */
export const yamlSerializer = new YamlSerializer();

/** The YAML serializer that reports duplicate keys. */
export const strictYamlSerializer = new YamlSerializer({ strict: true });

/**
 * What `application/yaml` offers: a text format with a strict variant and, as in
 * Kubernetes, no pretty variant (YAML is already indented) and no stream framing.
 */
export const yamlSerializerInfo: SerializerInfo = {
  mediaType: MEDIA_TYPE,
  mediaTypeType: "application",
  mediaTypeSubType: "yaml",
  encodesAsText: true,
  serializer: yamlSerializer,
  strictSerializer: strictYamlSerializer,
};
