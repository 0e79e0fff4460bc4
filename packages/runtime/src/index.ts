/**
 * @packageDocumentation
 * The object model of Kubernetes' API machinery: schemas, the Scheme, Unstructured
 * objects, RawExtension and Unknown, the Encoder/Decoder/Serializer/Framer interfaces,
 * media-type negotiation and REST mapping. Objects are plain data; the Scheme and the
 * codec factory only read them.
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
export {
  Scheme,
  isListKind,
  type PlainObject,
  type KindRegistration,
  type DefaultingFunc,
  type FieldLabelConversionFunc,
} from "./scheme.js";
export { compareKubeAwareVersions } from "./version-priority.js";
export {
  deepCopyJSON,
  nestedField,
  nestedString,
  nestedBool,
  nestedInt64,
  nestedFloat64,
  nestedSlice,
  nestedStringSlice,
  nestedMap,
  nestedStringMap,
  setNestedField,
  removeNestedField,
  type Unstructured,
} from "./unstructured-fields.js";
export {
  getAPIVersion,
  setAPIVersion,
  getKind,
  setKind,
  groupVersionKind,
  setGroupVersionKind,
  getName,
  setName,
  getGenerateName,
  setGenerateName,
  getNamespace,
  setNamespace,
  getUID,
  setUID,
  getResourceVersion,
  setResourceVersion,
  getGeneration,
  setGeneration,
  getLabels,
  setLabels,
  getAnnotations,
  setAnnotations,
  getCreationTimestamp,
  setCreationTimestamp,
  getDeletionTimestamp,
  setDeletionTimestamp,
  getFinalizers,
  setFinalizers,
  getOwnerReferences,
  setOwnerReferences,
  type OwnerReferenceFields,
} from "./unstructured.js";
export {
  isUnstructuredList,
  listItems,
  getListResourceVersion,
  setListResourceVersion,
  getContinue,
  setContinue,
  getRemainingItemCount,
  setRemainingItemCount,
  type UnstructuredList,
} from "./unstructured-list.js";
export type { JSONValue, RawExtension, Unknown, UnknownTypeMeta } from "./raw-extension.js";
export { parseMediaType, parseAccept, formatMediaType, type MediaType, type AcceptClause } from "./media-type.js";
export {
  CodecFactory,
  defaultEndpointRestrictions,
  metaTransformRestrictions,
  type EndpointRestrictions,
  type MediaTypeOptions,
  type NegotiatedOutput,
  type NegotiatedInput,
  type NegotiatedStream,
} from "./codec-factory.js";
export { DefaultRESTMapper, guessResourceForKind, type RESTMapping, type RESTScope } from "./rest-mapper.js";
