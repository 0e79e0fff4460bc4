import { StatusError, type GroupVersionKind } from "@apimachinery/meta";
import type { Decoded, KindSchemaLookup, RuntimeObject, Serializer, SerializerInfo } from "@apimachinery/runtime";
import { findUnknownFields, groupVersionKindOf } from "@apimachinery/serializer-json";
import { findDuplicateKey } from "./duplicate-keys.js";
import { stringifyYaml } from "./emitter.js";
import { parseDocuments, type ParseOptions, type ParsedDocument } from "./parse.js";

/** Options of a {@link YamlSerializer}. */
export interface YamlSerializerOptions extends ParseOptions {
  /**
   * Reports duplicate mapping keys in `strictErrors`, as go-yaml v2's strict mode does, and
   * unknown fields when `schemas` contains the kind. Default false.
   */
  readonly strict?: boolean;
  /** The schemas that strict mode checks fields against; without them only duplicate keys are found. */
  readonly schemas?: KindSchemaLookup;
}

/** Names the JSON type of a decoded value as Go's JSON errors do. */
function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "bigint" ? "number" : typeof value;
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
    const strictErrors: string[] = [];
    const duplicate = findDuplicateKey(typeof data === "string" ? data : utf8.decode(data));
    if (duplicate !== undefined) strictErrors.push(duplicate);
    if (this.options.schemas !== undefined) strictErrors.push(...findUnknownFields(object, gvk, this.options.schemas));
    return strictErrors.length > 0 ? { object, gvk, strictErrors } : { object, gvk };
  }
}

/** The lenient YAML serializer with default limits. */
export const yamlSerializer = new YamlSerializer();

/** Options of {@link yamlSerializerInfo}. */
export interface YamlSerializerInfoOptions extends ParseOptions {
  /** The schemas that the strict serializer checks fields against. */
  readonly schemas?: KindSchemaLookup;
}

/**
 * Returns the SerializerInfo of `application/yaml`: a text format with a strict variant
 * and, as in Kubernetes, no pretty variant (YAML is indented already) and no watch framing.
 */
export function yamlSerializerInfo(options: YamlSerializerInfoOptions = {}): SerializerInfo {
  const { schemas, ...limits } = options;
  return {
    mediaType: MEDIA_TYPE,
    mediaTypeType: "application",
    mediaTypeSubType: "yaml",
    encodesAsText: true,
    serializer: new YamlSerializer(limits),
    strictSerializer: new YamlSerializer({ ...limits, strict: true, ...(schemas ? { schemas } : {}) }),
  };
}
