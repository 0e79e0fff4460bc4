/**
 * @packageDocumentation
 * YAML codec for Kubernetes objects with the YAML 1.1 scalar rules Kubernetes reads with.
 *
 * Decoding follows sigs.k8s.io/yaml on go-yaml v2. Plain scalars resolve by YAML 1.1, so
 * `yes`/`no`/`on`/`off`/`y`/`n` are booleans and `0644` is octal, and map keys become
 * strings. Timestamps and `12:30` stay strings, and integers beyond ±(2^53 − 1) become
 * bigints, so the result equals what JSON decoding gives for the same manifest. Encoding
 * writes what kubectl prints. Malformed input fails with a BadRequest StatusError that
 * names the line.
 */
export { parseYaml, parseYamlAll, parseDocuments, type ParseOptions, type ParsedDocument } from "./parse.js";
export { stringifyYaml, stringifyYamlAll } from "./emitter.js";
export { resolvePlain, isBase60Float, isGoTimestamp, type Resolved, type ResolvedTag } from "./resolve.js";
export {
  YamlSerializer,
  yamlSerializer,
  yamlSerializerInfo,
  type YamlSerializerOptions,
  type YamlSerializerInfoOptions,
} from "./serializer.js";
