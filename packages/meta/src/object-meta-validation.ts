import { requireString, requireStringMap } from "./input-checks.js";
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from "./name-validation.js";
import type { ObjectMeta } from "./object-meta.js";
import type { StatusCause } from "./status.js";

/**
 * A check of an object's name. With `prefix` true the value is a `generateName` prefix, to
 * which the server appends random characters, so a trailing `-` is allowed.
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/**
 * Replaces a trailing `-` so that a `generateName` prefix can pass a name check: the last
 * two characters become `a` when the value is longer than one character (Go's
 * `maskTrailingDash`, which also drops the character before the dash).
 */
export function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? `${name.slice(0, -2)}a` : name;
}

/** Checks a name that must be a DNS-1123 subdomain, such as a ConfigMap's or a Deployment's. */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Checks a name that must be a DNS-1123 label, such as a Namespace's or a Service's. */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** Checks a name that must be a DNS-1035 label. */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** The number of random characters that name generation appends to `generateName`. */
export const GENERATED_NAME_RANDOM_LENGTH = 5;
/** The longest `generateName` prefix that name generation keeps: 63 minus the random suffix. */
export const MAX_GENERATE_NAME_PREFIX_LENGTH = 63 - GENERATED_NAME_RANDOM_LENGTH;

/** The alphabet of generated suffixes: no vowels (no accidental words) and no look-alike characters. */
const suffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

/**
 * Generates a name from a `generateName` prefix as the API server does: the prefix, cut to
 * 58 characters so that the result fits a 63-character label, plus five random characters.
 *
 * @param random - returns a number in `[0, 1)`; defaults to `Math.random`.
 */
export function generateName(base: string, random: () => number = Math.random): string {
  const prefix = base.length > MAX_GENERATE_NAME_PREFIX_LENGTH ? base.slice(0, MAX_GENERATE_NAME_PREFIX_LENGTH) : base;
  let suffix = "";
  for (let i = 0; i < GENERATED_NAME_RANDOM_LENGTH; i++) {
    suffix += suffixAlphabet[Math.floor(random() * suffixAlphabet.length) % suffixAlphabet.length];
  }
  return prefix + suffix;
}

/** Returns a FieldValueInvalid cause worded as Go's `field.Invalid` error body. */
export function invalidCause(field: string, value: string, message: string): StatusCause {
  return { reason: "FieldValueInvalid", field, message: `Invalid value: ${JSON.stringify(value)}: ${message}` };
}

/** Returns a FieldValueRequired cause worded as Go's `field.Required` error body. */
export function requiredCause(field: string, detail = ""): StatusCause {
  return { reason: "FieldValueRequired", field, message: detail ? `Required value: ${detail}` : "Required value" };
}

/** Returns a FieldValueForbidden cause worded as Go's `field.Forbidden` error body. */
export function forbiddenCause(field: string, detail: string): StatusCause {
  return { reason: "FieldValueForbidden", field, message: `Forbidden: ${detail}` };
}

/**
 * Validates `name` and `generateName` of an object on create, as Go's
 * `ValidateObjectMetaAccessor` does: `generateName` is checked as a prefix, and one of the
 * two is required.
 *
 * @param path - the path of the metadata in field causes; defaults to `metadata`.
 */
export function validateObjectMetaName(meta: ObjectMeta, nameFn: ValidateNameFunc, path = "metadata"): StatusCause[] {
  const causes: StatusCause[] = [];
  const generate = requireString(meta.generateName ?? "", `${path}.generateName`);
  const name = requireString(meta.name ?? "", `${path}.name`);
  if (generate !== "") {
    for (const message of nameFn(generate, true)) causes.push(invalidCause(`${path}.generateName`, generate, message));
  }
  if (name === "") {
    causes.push(requiredCause(`${path}.name`, "name or generateName is required"));
  } else {
    for (const message of nameFn(name, false)) causes.push(invalidCause(`${path}.name`, name, message));
  }
  return causes;
}

/** Validates the namespace of an object: required and a DNS-1123 label when namespaced, absent otherwise. */
export function validateObjectMetaNamespace(meta: ObjectMeta, namespaced: boolean, path = "metadata"): StatusCause[] {
  const namespace = requireString(meta.namespace ?? "", `${path}.namespace`);
  if (!namespaced) return namespace === "" ? [] : [forbiddenCause(`${path}.namespace`, "not allowed on this type")];
  if (namespace === "") return [requiredCause(`${path}.namespace`)];
  return nameIsDNSLabel(namespace, false).map((message) => invalidCause(`${path}.namespace`, namespace, message));
}

/** Validates label keys (qualified names) and label values, as Go's `ValidateLabels` does. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, path = "metadata.labels"): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(requireStringMap(labels ?? {}, path))) {
    for (const message of isQualifiedName(key)) causes.push(invalidCause(path, key, message));
    for (const message of isValidLabelValue(value)) causes.push(invalidCause(`${path}[${key}]`, value, message));
  }
  return causes;
}
