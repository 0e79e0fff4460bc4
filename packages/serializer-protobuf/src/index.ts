/**
 * @packageDocumentation
 * The Kubernetes protobuf wire format (`application/vnd.kubernetes.protobuf`): the `k8s\0`
 * magic and `runtime.Unknown` envelope, schema-driven encoding of every message into the
 * same plain objects that JSON decoding gives, and length-delimited watch framing. The
 * codec reads the message schemas of whatever SchemaResolver it is given.
 */
export {
  ProtobufSerializer,
  PROTOBUF_MEDIA_TYPE,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  type ProtobufSerializerOptions,
} from "./serializer.js";
export { protobufSerializerInfo, PROTOBUF_STREAM_MEDIA_TYPE } from "./serializer-info.js";
export { lengthDelimitedFramer, DEFAULT_MAX_FRAME_BYTES } from "./framer.js";
export {
  encodeWatchEvent,
  decodeWatchEvent,
  ProtobufWatchEventSerializer,
  type EncodedWatchEvent,
  type WatchEventObject,
} from "./watch-event.js";
export { MAGIC, hasMagic } from "./magic.js";
