import { regexError, type StatusCause } from "@apimachinery/meta";
import { decodeBase64, decodedBase64Length } from "../defaults/base64.js";
import { isPlainObject, objectField, stringField, stringMapField, deepEqual, type PlainObject } from "../defaults/object-fields.js";
import { FIELD_IMMUTABLE, forbidden, invalid, keyPath, required, tooLong } from "./field-errors.js";
import { byteLength, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";

type Obj = PlainObject;

/** The maximum size in bytes of the data of a ConfigMap or a Secret (1 MiB). */
export const MAX_SECRET_SIZE = 1024 * 1024;

const configMapKeyFormat = "[-._a-zA-Z0-9]+";
const configMapKeyPattern = new RegExp(`^${configMapKeyFormat}$`);

/** Checks a ConfigMap or Secret key as Go's `IsConfigMapKey` does. */
export function isConfigMapKey(key: string): string[] {
  const errors: string[] = [];
  if (byteLength(key) > 253) errors.push("must be no more than 253 characters");
  if (!configMapKeyPattern.test(key)) {
    errors.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFormat, "key.name", "KEY_NAME", "key-name"));
  }
  if (key === ".") errors.push("must not be '.'");
  else if (key === "..") errors.push("must not be '..'");
  else if (key.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}


function validateKeys(data: Record<string, string>, path: string): StatusCause[] {
  return Object.keys(data).flatMap((key) => isConfigMapKey(key).map((message) => invalid(keyPath(path, key), key, message)));
}

/** Validates a new ConfigMap: keys, keys in both `data` and `binaryData`, and the total size. */
export function validateConfigMap(configMap: Obj): StatusCause[] {
  const data = stringMapField(configMap, "data");
  const binaryData = stringMapField(configMap, "binaryData");
  const causes = [...validateObjectMeta(configMap["metadata"], { namespaced: true }), ...validateKeys(data, "data")];
  for (const key of Object.keys(data)) {
    if (key in binaryData) causes.push(invalid(keyPath("data", key), key, "duplicate of key present in binaryData"));
  }
  causes.push(...validateKeys(binaryData, "binaryData"));
  let total = 0;
  for (const value of Object.values(data)) total += byteLength(value);
  for (const value of Object.values(binaryData)) total += decodedBase64Length(value);
  if (total > MAX_SECRET_SIZE) causes.push(tooLong("", MAX_SECRET_SIZE));
  return causes;
}

/** Checks that an object marked `immutable: true` keeps the mark and its data. */
function validateImmutableData(object: Obj, old: Obj, dataFields: readonly string[]): StatusCause[] {
  if (old["immutable"] !== true) return [];
  const causes: StatusCause[] = [];
  if (object["immutable"] !== true) causes.push(forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const field of dataFields) {
    if (!deepEqual(object[field] ?? {}, old[field] ?? {})) causes.push(forbidden(field, "field is immutable when `immutable` is set"));
  }
  return causes;
}

/** Validates an update of a ConfigMap: the new object, and its data when the old one is immutable. */
export function validateConfigMapUpdate(configMap: Obj, old: Obj): StatusCause[] {
  const causes = validateConfigMap(configMap).filter((cause) => !cause.field?.startsWith("metadata."));
  return [...validateObjectMetaUpdate(configMap["metadata"], old["metadata"]), ...causes, ...validateImmutableData(configMap, old, ["data", "binaryData"])];
}

/** Checks the data keys and annotations that each built-in Secret type requires. */
function validateSecretType(secret: Obj, data: Record<string, string>): StatusCause[] {
  const has = (key: string) => key in data;
  switch (stringField(secret, "type")) {
    case "kubernetes.io/service-account-token": {
      const annotations = stringMapField(objectField(secret, "metadata"), "annotations");
      const key = "kubernetes.io/service-account.name";
      return annotations[key] ? [] : [required(keyPath("metadata.annotations", key))];
    }
    case "kubernetes.io/dockercfg":
      return validateJsonKey(data, ".dockercfg");
    case "kubernetes.io/dockerconfigjson":
      return validateJsonKey(data, ".dockerconfigjson");
    case "kubernetes.io/basic-auth":
      return has("username") || has("password") ? [] : [required(keyPath("data", "username")), required(keyPath("data", "password"))];
    case "kubernetes.io/ssh-auth":
      return decodedBase64Length(data["ssh-privatekey"] ?? "") > 0 ? [] : [required(keyPath("data", "ssh-privatekey"))];
    case "kubernetes.io/tls":
      return ["tls.crt", "tls.key"].filter((key) => !has(key)).map((key) => required(keyPath("data", key)));
    default:
      return [];
  }
}

function validateJsonKey(data: Record<string, string>, key: string): StatusCause[] {
  const value = data[key];
  if (value === undefined) return [required(keyPath("data", key))];
  try {
    const parsed: unknown = JSON.parse(decodeBase64(value) ?? "");
    if (isPlainObject(parsed)) return [];
    return [invalid(keyPath("data", key), "<secret contents redacted>", "json: cannot unmarshal into a map")];
  } catch (error) {
    return [invalid(keyPath("data", key), "<secret contents redacted>", error instanceof Error ? error.message : String(error))];
  }
}

/** Validates a new Secret: keys, total size and the keys its type requires. */
export function validateSecret(secret: Obj): StatusCause[] {
  const data = stringMapField(secret, "data");
  const causes = [...validateObjectMeta(secret["metadata"], { namespaced: true }), ...validateKeys(data, "data")];
  let total = 0;
  for (const value of Object.values(data)) total += decodedBase64Length(value);
  if (total > MAX_SECRET_SIZE) causes.push(tooLong("data", MAX_SECRET_SIZE));
  causes.push(...validateSecretType(secret, data));
  return causes;
}

/** Validates an update of a Secret: the new object, an unchanged type, and its data when the old one is immutable. */
export function validateSecretUpdate(secret: Obj, old: Obj): StatusCause[] {
  const causes = validateSecret(secret).filter((cause) => !cause.field?.startsWith("metadata.") || cause.field.startsWith("metadata.annotations["));
  const type = stringField(secret, "type");
  if (type !== stringField(old, "type")) causes.push(invalid("type", type, FIELD_IMMUTABLE));
  return [...validateObjectMetaUpdate(secret["metadata"], old["metadata"]), ...causes, ...validateImmutableData(secret, old, ["data"])];
}
