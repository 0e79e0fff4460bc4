/**
 * @packageDocumentation
 * The object model of Kubernetes' API machinery: schemas, the Scheme, Unstructured
 * objects, RawExtension and Unknown, the Encoder/Decoder/Serializer/Framer interfaces,
 * and media-type negotiation.
 */
export type {
  ScalarType,
  SpecialShape,
  FieldType,
  ListType,
  ElementRelationship,
  FieldSchema,
  MessageSchema,
  KindSchema,
  SchemaResolver,
  KindSchemaLookup,
} from "./schema.js";
export { SchemaRegistry } from "./schema.js";
export type {
  RuntimeObject,
  Decoded,
  Decoder,
  Encoder,
  Serializer,
  FrameWriter,
  FrameReader,
  Framer,
  SerializerInfo,
} from "./codec.js";
