/**
 * @packageDocumentation
 * YAML codec for Kubernetes objects with the YAML 1.1 scalar rules Kubernetes reads with.
 *
 * Decoding follows sigs.k8s.io/yaml on go-yaml v2: plain scalars resolve by YAML 1.1
 * (`yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0644` is octal), map keys become strings,
 * timestamps and `12:30` stay strings, integers beyond ±(2^53 − 1) become bigints, and
 * the result equals what JSON decoding gives for the same manifest. Encoding writes what
 * kubectl prints. Every failure is a BadRequest StatusError that names the line.
 */
export { parseYaml, parseYamlAll, parseDocuments, type ParseOptions, type ParsedDocument } from "./parse.js";
export { stringifyYaml } from "./emitter.js";
export { resolvePlain, isBase60Float, isGoTimestamp, type Resolved, type ResolvedTag } from "./resolve.js";
export {
  YamlSerializer,
  yamlSerializer,
  yamlSerializerInfo,
  type YamlSerializerOptions,
  type YamlSerializerInfoOptions,
} from "./serializer.js";
