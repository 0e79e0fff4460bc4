import type { SerializerInfo } from "@apimachinery/runtime";
import { lengthDelimitedFramer } from "./framer.js";
import { PROTOBUF_MEDIA_TYPE, ProtobufSerializer, type ProtobufSerializerOptions } from "./serializer.js";
import { ProtobufWatchEventSerializer } from "./watch-event.js";

/** The media type of protobuf watch streams. */
export const PROTOBUF_STREAM_MEDIA_TYPE = `${PROTOBUF_MEDIA_TYPE};stream=watch`;

/**
 * Returns the SerializerInfo of `application/vnd.kubernetes.protobuf`: a binary format with
 * no pretty or strict variant, and length-delimited watch streams.
 */
export function protobufSerializerInfo(options: ProtobufSerializerOptions): SerializerInfo {
  const serializer = new ProtobufSerializer(options);
  return {
    mediaType: PROTOBUF_MEDIA_TYPE,
    mediaTypeType: "application",
    mediaTypeSubType: "vnd.kubernetes.protobuf",
    encodesAsText: false,
    serializer,
    streamSerializer: {
      serializer: new ProtobufWatchEventSerializer(serializer),
      framer: lengthDelimitedFramer,
      mediaType: PROTOBUF_STREAM_MEDIA_TYPE,
    },
  };
}
