/** A JSON value as it is held in memory: integers beyond ±(2^53 − 1) are `bigint`. */
export type JSONValue = string | number | bigint | boolean | null | JSONValue[] | { [key: string]: JSONValue };

/**
 * An embedded object of any kind (`runtime.RawExtension`), such as `WatchEvent.object` or
 * `ControllerRevision.data`. In JSON it is the inline value; on the protobuf wire it is
 * the raw bytes of its JSON (or protobuf) encoding.
 */
export type RawExtension = JSONValue;

/** The type meta of an {@link Unknown} object. */
export interface UnknownTypeMeta {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * An object carried as undecoded bytes (`runtime.Unknown`): the envelope of the Kubernetes
 * protobuf encoding, and the form of an object whose kind the reader does not know.
 */
export interface Unknown {
  readonly typeMeta: UnknownTypeMeta;
  /** The encoded object. */
  readonly raw: Uint8Array;
  /** The compression or encoding of `raw`; "" for none. */
  readonly contentEncoding: string;
  /** The media type of `raw` (`application/vnd.kubernetes.protobuf`); "" when unknown. */
  readonly contentType: string;
}
