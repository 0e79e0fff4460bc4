import type { GroupVersionKind } from "@apimachinery/meta";

/**
 * Any Kubernetes object in its plain form. Typed kinds from `@apimachinery/api` and
 * Unstructured objects both fit.
 */
export interface RuntimeObject {
  apiVersion?: string;
  kind?: string;
}

/** The result of decoding: the object, and the group-version-kind read from the data or the defaults. */
export interface Decoded<T = RuntimeObject> {
  readonly object: T;
  readonly gvk: GroupVersionKind;
  /** Unknown and duplicate fields found in strict mode, each as a path with a message. */
  readonly strictErrors?: readonly string[];
}

/** Turns bytes into an object. Malformed input fails with a StatusError (BadRequest), never another error. */
export interface Decoder {
  /**
   * Decodes one object. `defaults` fills in a group, version or kind that the data leaves out.
   * Fails with a StatusError when the kind cannot be determined or the data is malformed.
   */
  decode(data: Uint8Array, defaults?: Partial<GroupVersionKind>): Decoded;
}

/** Turns an object into bytes. */
export interface Encoder {
  encode(object: RuntimeObject): Uint8Array;
  /**
   * A string that differs between encoders producing different bytes for the same object,
   * so that an encoded form can be cached per encoder (one encode per watch event and type).
   */
  readonly identifier: string;
}

/** An Encoder and a Decoder for one media type. */
export interface Serializer extends Encoder, Decoder {
  /** The media type without parameters, such as `application/json`. */
  readonly mediaType: string;
}

/** Writes frames of a stream, such as one watch event per frame. */
export interface FrameWriter {
  /** Returns the bytes that carry one frame with `payload` on the stream. */
  frame(payload: Uint8Array): Uint8Array;
}

/** Reads frames from a stream that arrives in chunks of any size. */
export interface FrameReader {
  /**
   * Adds a chunk and returns every frame that is now complete. Fails with a StatusError
   * when a frame is malformed or longer than the reader's limit.
   */
  push(chunk: Uint8Array): Uint8Array[];
  /** Returns true when no partial frame is pending. */
  readonly idle: boolean;
}

/** Splits a byte stream into frames and joins frames into a stream. */
export interface Framer {
  newFrameWriter(): FrameWriter;
  newFrameReader(options?: { readonly maxFrameBytes?: number }): FrameReader;
}

/** What a media type offers: its serializers and, for streams, its framing. */
export interface SerializerInfo {
  /** The media type without parameters, such as `application/vnd.kubernetes.protobuf`. */
  readonly mediaType: string;
  readonly mediaTypeType: string;
  readonly mediaTypeSubType: string;
  /** True for text formats (JSON, YAML), which can be shown to a person. */
  readonly encodesAsText: boolean;
  readonly serializer: Serializer;
  /** An indented variant, where the format has one. */
  readonly prettySerializer?: Serializer;
  /** A variant that reports unknown and duplicate fields, where the format has one. */
  readonly strictSerializer?: Serializer;
  /** How watch streams in this media type are framed, where the format supports streams. */
  readonly streamSerializer?: { readonly serializer: Serializer; readonly framer: Framer; readonly mediaType: string };
}
