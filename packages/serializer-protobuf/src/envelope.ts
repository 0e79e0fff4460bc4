import { WireError } from "./errors.js";
import { MAGIC, hasMagic } from "./magic.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/*
 * The Kubernetes protobuf envelope:
 *
 *   object  = magic unknown
 *   magic   = 0x6b 0x38 0x73 0x00                  ; "k8s\0"
 *   unknown = runtime.Unknown {
 *               typeMeta        = 1 (TypeMeta { apiVersion = 1, kind = 2 })
 *               raw             = 2 (bytes: the object's own message)
 *               contentEncoding = 3 (string)
 *               contentType     = 4 (string) }
 */

/** The envelope fields around the object's message. */
export interface EnvelopeFields {
  apiVersion: string;
  kind: string;
  /** The offsets of the object's message in the input. */
  rawStart: number;
  rawEnd: number;
  contentEncoding: string;
  contentType: string;
}

/** Reads the envelope of `data` (magic included) and returns where the object's message lies. */
export function readEnvelope(r: Reader): EnvelopeFields {
  const data = r.buf;
  // The messages are Go's, so that clients matching on them see the same text.
  if (data.length === 0) throw new WireError("empty data", 0);
  if (!hasMagic(data)) throw new WireError("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]", 0);
  const fields: EnvelopeFields = { apiVersion: "", kind: "", rawStart: 0, rawEnd: 0, contentEncoding: "", contentType: "" };
  const end = data.length;
  r.pos = MAGIC.length;
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.varint(end);
    if (tag === 0x0a) {
      const typeMetaLength = r.length(end);
      const typeMetaEnd = r.pos + typeMetaLength;
      while (r.pos < typeMetaEnd) {
        const innerAt = r.pos;
        const inner = r.varint(typeMetaEnd);
        if (inner === 0x0a) fields.apiVersion = r.string(typeMetaEnd);
        else if (inner === 0x12) fields.kind = r.string(typeMetaEnd);
        else if (inner >>> 3 === 0 || r.hi !== 0) throw new WireError("invalid field number in typeMeta", innerAt);
        else r.skip(inner & 7, typeMetaEnd, 64, inner >>> 3);
      }
    } else if (tag === 0x12) {
      const len = r.length(end);
      fields.rawStart = r.pos;
      fields.rawEnd = r.pos + len;
      r.pos += len;
    } else if (tag === 0x1a) fields.contentEncoding = r.string(end);
    else if (tag === 0x22) fields.contentType = r.string(end);
    else if (tag >>> 3 === 0 || r.hi !== 0) throw new WireError("invalid field number in the runtime.Unknown envelope", tagAt);
    else r.skip(tag & 7, end, 64, tag >>> 3);
  }
  return fields;
}

/** Returns the apiVersion text of a group version: `v1` for the core group, `apps/v1` otherwise. */
export function apiVersionOf(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** Splits an apiVersion into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return { group: "", version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Writes the magic and the envelope around the message that `writeMessage` writes. Go writes
 * every field of Unknown, the empty content encoding and content type included.
 */
export function writeEnvelope(w: Writer, typeMeta: { readonly apiVersion: string; readonly kind: string }, writeMessage: () => void): void {
  w.ensure(MAGIC.length);
  w.buf.set(MAGIC, w.pos);
  w.pos += MAGIC.length;
  w.uint32(0x0a);
  const typeMetaStart = w.beginMessage();
  w.uint32(0x0a);
  w.string(typeMeta.apiVersion);
  w.uint32(0x12);
  w.string(typeMeta.kind);
  w.endMessage(typeMetaStart);
  w.uint32(0x12);
  const raw = w.beginMessage();
  writeMessage();
  w.endMessage(raw);
  w.uint32(0x1a);
  w.string("");
  w.uint32(0x22);
  w.string("");
}
