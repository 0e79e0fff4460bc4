/**
 * @packageDocumentation
 * Generates the api package's schema tables and types from the upstream protobuf
 * definitions (`generated.proto`) and the golden JSON fixtures. The proto files give
 * messages, field numbers, types and the `+listType`-style markers. The fixtures show
 * which fields JSON writes inline and which JSON names differ from the protobuf names.
 * `pnpm gen:api` at the repository root runs `src/main.ts`.
 */
export type { FieldModel, Markers, MessageModel, PackageModel, ProtoSource } from "./model.js";
export { parseMarkers } from "./markers.js";
export { parseProtos } from "./parse-protos.js";
export { SPECIAL_SHAPES, specialShapeOf } from "./special-shapes.js";
export { apiVersionOf, groupVersionOf, type GroupVersionInfo } from "./group-versions.js";
export { collectKinds, parseFixtureName } from "./kinds.js";
export { learnFromFixtures, type FixtureDocument, type FixtureReport } from "./fixture-facts.js";
export { printLiteral, propertyKey, type Literal } from "./literal.js";
export { learnOmitEmpty, type WireDocument } from "./wire-facts.js";
export { generate, type FixtureInput, type GeneratorInput, type GeneratorOutput } from "./generate.js";
export { readReferenceInput } from "./reference-input.js";
