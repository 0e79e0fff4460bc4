import { parseGroupVersion, StatusError, type GroupVersionKind } from "@apimachinery/meta";
import type { Decoded, KindSchemaLookup } from "@apimachinery/runtime";
import { excerpt } from "./errors.js";
import { parseExact } from "./exact-parser.js";
import { needsExactParse } from "./fast-scan.js";
import { checkAgainstSchema } from "./schema-walk.js";
import { decodeUtf8 } from "./utf8.js";

/**
 * The default limit on nested objects and arrays. Go's decoder allows 10000 levels, but
 * V8's JSON.stringify overflows its stack at about 4500 levels (Node 20), and other
 * recursive code (merge patches, deep equality) would too, so decoding stops far below.
 */
export const DEFAULT_MAX_DEPTH = 1000;

/** Options of {@link decodeJson}. */
export interface DecodeOptions {
  /** Fills in a group, version or kind that the data leaves out. */
  readonly defaults?: Partial<GroupVersionKind> | undefined;
  /** Reports duplicate fields, and unknown fields when `schemas` contains the kind. Default false. */
  readonly strict?: boolean | undefined;
  /**
   * The kind and message schemas. When the decoded kind has one, a field of the wrong type
   * fails the decoding, as Go's typed decoding fails, and strict mode reports unknown fields.
   */
  readonly schemas?: KindSchemaLookup | undefined;
  /** The deepest nesting accepted. Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number | undefined;
}

const gvkPrefix = "couldn't get version/kind; json parse error";

/** Options of {@link parseJsonText}. */
export interface ParseJsonOptions {
  /** The deepest nesting accepted. Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number | undefined;
  /**
   * A list that receives the path of every duplicated field (`metadata.name`). Giving one
   * makes the exact parser run, because JSON.parse keeps the last duplicate silently.
   */
  readonly duplicates?: string[];
}

/**
 * Parses JSON text of any value into its plain form with int64-exact integers. Plain
 * `JSON.parse` runs when the fast scan proves that it gives the exact value; otherwise the
 * exact parser runs. Fails with a BadRequest StatusError naming the line and column.
 */
export function parseJsonText(text: string, options: ParseJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (options.duplicates === undefined && !needsExactParse(text, maxDepth)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      // The exact parser names the line and column of the same syntax error.
      parseExact(text, { maxDepth, reportDuplicates: false });
      throw StatusError.badRequest(`json parse error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const result = parseExact(text, { maxDepth, reportDuplicates: options.duplicates !== undefined });
  options.duplicates?.push(...result.duplicates);
  return result.value;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "bigint" ? "number" : typeof value;
}

function readString(object: Record<string, unknown>, field: "apiVersion" | "kind"): string {
  const value = object[field];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw StatusError.badRequest(`${gvkPrefix}: cannot unmarshal ${typeName(value)} into field "${field}" of type string`);
  }
  return value;
}

/** Reads the group-version-kind of a decoded object and fills gaps from `defaults`, as Go's JSON serializer does. */
export function groupVersionKindOf(object: Record<string, unknown>, defaults: Partial<GroupVersionKind> = {}): GroupVersionKind {
  let { group, version } = parseGroupVersion(readString(object, "apiVersion"));
  let kind = readString(object, "kind");
  if (kind === "") kind = defaults.kind ?? "";
  if (version === "" && group === "") {
    group = defaults.group ?? "";
    version = defaults.version ?? "";
  } else if (version === "" && group === (defaults.group ?? "")) {
    version = defaults.version ?? "";
  }
  return { group, version, kind };
}

/**
 * Decodes one JSON object into its plain form, with integers beyond ±(2^53 − 1) as
 * `bigint`. The group-version-kind comes from `apiVersion` and `kind`, with `defaults`
 * filling gaps. Fails with a BadRequest StatusError for malformed input, a value that is
 * not an object, a non-string `apiVersion` or `kind`, a missing kind, or a field whose type
 * does not match the kind's schema. In strict mode the duplicate and unknown fields are
 * returned in `strictErrors`.
 */
export function decodeJson(data: Uint8Array | string, options: DecodeOptions = {}): Decoded<Record<string, unknown>> {
  const text = typeof data === "string" ? data : decodeUtf8(data);
  const duplicates: string[] | undefined = options.strict ? [] : undefined;
  const value = parseJsonText(text, { maxDepth: options.maxDepth, ...(duplicates ? { duplicates } : {}) });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw StatusError.badRequest(`${gvkPrefix}: expected a JSON object, got ${typeName(value)}`);
  }
  const object = value as Record<string, unknown>;
  const gvk = groupVersionKindOf(object, options.defaults);
  if (gvk.kind === "") throw StatusError.badRequest(`Object 'Kind' is missing in '${excerpt(text)}'`);
  const findings = options.schemas === undefined ? undefined : checkAgainstSchema(object, gvk, options.schemas, duplicates !== undefined);
  // Go stops at the first type error, so only that one is reported.
  const typeError = findings?.typeErrors[0];
  if (typeError !== undefined) throw StatusError.badRequest(typeError);
  if (duplicates === undefined) return { object, gvk };
  const strictErrors = duplicates.map((path) => `duplicate field "${path}"`);
  if (findings !== undefined) strictErrors.push(...findings.unknownFields);
  return strictErrors.length > 0 ? { object, gvk, strictErrors } : { object, gvk };
}
