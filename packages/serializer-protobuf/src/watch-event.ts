import type { GroupVersionKind } from "@apimachinery/meta";
import type { Decoded, RuntimeObject, Serializer } from "@apimachinery/runtime";
import { WireError, toStatusError } from "./errors.js";
import { Reader } from "./reader.js";
import type { ProtobufSerializer } from "./serializer.js";
import { Writer } from "./writer.js";

/*
 * A watch frame's payload is a bare meta/v1 WatchEvent message, without magic or envelope:
 *
 *   WatchEvent   { type = 1 (string), object = 2 (RawExtension) }
 *   RawExtension { raw = 1 (bytes: the enveloped object, k8s\0 magic included) }
 */

/** A watch event with its object still encoded. */
export interface EncodedWatchEvent {
  /** `ADDED`, `MODIFIED`, `DELETED`, `BOOKMARK` or `ERROR`. */
  readonly type: string;
  /** The object in the full protobuf encoding, magic and envelope included. */
  readonly object: Uint8Array;
}

/** Encodes a WatchEvent message around an already encoded object. */
export function encodeWatchEvent(type: string, objectBytes: Uint8Array): Uint8Array {
  const w = new Writer(objectBytes.length + type.length + 16);
  w.uint32(0x0a);
  w.string(type);
  w.uint32(0x12);
  const start = w.beginMessage();
  w.uint32(0x0a);
  w.bytes(objectBytes);
  w.endMessage(start);
  return w.finish();
}

/** Decodes a WatchEvent message into its type and the object's bytes (a view into `data`). */
export function decodeWatchEvent(data: Uint8Array): EncodedWatchEvent {
  try {
    const r = new Reader(data);
    const end = data.length;
    let type = "";
    let object: Uint8Array = new Uint8Array(0);
    while (r.pos < end) {
      const tagAt = r.pos;
      const tag = r.varint(end);
      if (tag === 0x0a) type = r.string(end);
      else if (tag === 0x12) {
        const rawLength = r.length(end);
        const rawEnd = r.pos + rawLength;
        while (r.pos < rawEnd) {
          const innerAt = r.pos;
          const inner = r.varint(rawEnd);
          if (inner === 0x0a) object = r.bytes(rawEnd);
          else if (inner >>> 3 === 0 || r.hi !== 0) throw new WireError("invalid field number in WatchEvent.object", innerAt);
          else r.skip(inner & 7, rawEnd, 64, inner >>> 3);
        }
      } else if (tag >>> 3 === 0 || r.hi !== 0) throw new WireError("invalid field number in WatchEvent", tagAt);
      else r.skip(tag & 7, end, 64, tag >>> 3);
    }
    return { type, object };
  } catch (error) {
    throw toStatusError(error, "decode");
  }
}

/** A watch event as the watch stream carries it: its type and the decoded object. */
export interface WatchEventObject extends RuntimeObject {
  type: string;
  object: RuntimeObject;
}

const WATCH_EVENT_GVK: GroupVersionKind = { group: "", version: "v1", kind: "WatchEvent" };

/**
 * The serializer of protobuf watch streams: it writes a `{type, object}` watch event as a
 * bare WatchEvent message whose object is enveloped by the object serializer, and reads it
 * back. Frame the results with `lengthDelimitedFramer`.
 */
export class ProtobufWatchEventSerializer implements Serializer {
  readonly mediaType: string;
  readonly identifier = "protobuf-watch-event";

  constructor(readonly objects: ProtobufSerializer) {
    this.mediaType = objects.mediaType;
  }

  encode(event: RuntimeObject): Uint8Array {
    const { type, object } = event as Partial<WatchEventObject>;
    if (typeof type !== "string" || typeof object !== "object" || object === null) {
      throw toStatusError(new WireError("a watch event needs a string type and an object"), "encode");
    }
    return encodeWatchEvent(type, this.objects.encode(object));
  }

  decode(data: Uint8Array): Decoded<WatchEventObject> {
    const { type, object } = decodeWatchEvent(data);
    return { object: { type, object: this.objects.decode(object).object }, gvk: WATCH_EVENT_GVK };
  }
}
