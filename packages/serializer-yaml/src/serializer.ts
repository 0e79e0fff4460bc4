import { StatusError, type GroupVersionKind } from "@apimachinery/meta";
import type { Decoded, KindSchemaLookup, RuntimeObject, Serializer, SerializerInfo } from "@apimachinery/runtime";
import { findUnknownFields, groupVersionKindOf } from "@apimachinery/serializer-json";
import { findDuplicateKeys, type DuplicateKey } from "./duplicate-keys.js";
import { stringifyYaml } from "./emitter.js";
import { firstDocumentText, inputText, parseText, type ParseOptions, type ParsedDocument } from "./parse.js";

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
   * Decodes the first document of `data` as one object, as sigs.k8s.io/yaml does. Fails
   * with a BadRequest StatusError for malformed YAML, a document that is not a mapping, or
   * a missing kind.
   */
  decode(data: Uint8Array | string, defaults?: Partial<GroupVersionKind>): Decoded {
    const stream = inputText(data, this.options);
    const text = firstDocumentText(stream);
    const documents = parseText(text, this.options);
    const first = documents[0] ?? { value: null, line: 1 };
    if (first.value === null) throw StatusError.badRequest(`Object 'Kind' is missing in '${excerpt(stream)}'`);
    const decoded = this.toDecoded(first, defaults, () => `'${excerpt(stream)}'`);
    return this.withStrictErrors(decoded, this.duplicatesPerDocument(text, documents)[0] ?? []);
  }

  /**
   * Decodes every document of a multi-document stream, skipping empty and comment-only
   * documents. Each document must be an object with a kind.
   */
  decodeAll(data: Uint8Array | string, defaults?: Partial<GroupVersionKind>): Decoded[] {
    const text = inputText(data, this.options);
    const documents = parseText(text, this.options);
    const duplicates = this.duplicatesPerDocument(text, documents);
    const result: Decoded[] = [];
    documents.forEach((document, index) => {
      if (document.value === null) return;
      const decoded = this.toDecoded(document, defaults, () => `the document at line ${document.line}`);
      result.push(this.withStrictErrors(decoded, duplicates[index] ?? []));
    });
    return result;
  }

  /** Encodes an object as YAML text in UTF-8. */
  encode(object: RuntimeObject): Uint8Array {
    return encoder.encode(stringifyYaml(object));
  }

  private toDecoded(document: ParsedDocument, defaults: Partial<GroupVersionKind> | undefined, describe: () => string): Decoded {
    const value = document.value;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw StatusError.badRequest(
        `couldn't get version/kind; json parse error: line ${document.line}: expected an object, got ${jsonTypeName(value)}`,
      );
    }
    const object = value as Record<string, unknown>;
    const gvk = groupVersionKindOf(object, defaults);
    if (gvk.kind === "") throw StatusError.badRequest(`Object 'Kind' is missing in ${describe()}`);
    return { object, gvk };
  }

  /** Finds the duplicate keys of a stream in strict mode and assigns each to the document whose lines contain it. */
  private duplicatesPerDocument(text: string, documents: readonly ParsedDocument[]): DuplicateKey[][] {
    if (!this.options.strict) return [];
    const perDocument = documents.map((): DuplicateKey[] => []);
    for (const duplicate of findDuplicateKeys(text)) {
      let index = 0;
      while (index + 1 < documents.length && (documents[index + 1]?.line ?? Infinity) <= duplicate.line) index++;
      perDocument[index]?.push(duplicate);
    }
    return perDocument;
  }

  private withStrictErrors(decoded: Decoded, duplicates: readonly DuplicateKey[]): Decoded {
    if (!this.options.strict) return decoded;
    const strictErrors = duplicates.map((duplicate) => duplicate.message);
    const object = decoded.object as Record<string, unknown>;
    if (this.options.schemas !== undefined) strictErrors.push(...findUnknownFields(object, decoded.gvk, this.options.schemas));
    return strictErrors.length > 0 ? { ...decoded, strictErrors } : decoded;
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
