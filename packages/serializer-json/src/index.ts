/**
 * @packageDocumentation
 * JSON codec for Kubernetes objects. Integers keep their exact value up to the int64
 * range (a `bigint` beyond ±(2^53 − 1)), while ordinary objects take the `JSON.parse` fast
 * path. Strict mode reports duplicate and unknown fields. Output is compact or pretty, and
 * watch streams are newline-delimited.
 */
export {
  decodeJson,
  parseJsonText,
  groupVersionKindOf,
  DEFAULT_MAX_DEPTH,
  type DecodeOptions,
  type ParseJsonOptions,
} from "./decode.js";
export { encodeJson, encodeJsonText, type EncodeOptions } from "./encode.js";
export { integerValue, isInt64, MAX_INT64, MIN_INT64 } from "./int64.js";
export { isDeepEqual } from "./deep-equal.js";
export { jsonFramer, DEFAULT_MAX_FRAME_BYTES } from "./framer.js";
export { findUnknownFields, checkAgainstSchema, type SchemaFindings } from "./schema-walk.js";
export {
  JsonSerializer,
  jsonSerializerInfo,
  JSON_MEDIA_TYPE,
  type JsonSerializerOptions,
  type JsonSerializerInfoOptions,
} from "./serializer.js";
