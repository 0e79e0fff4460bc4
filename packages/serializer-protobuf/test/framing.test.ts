import { describe, expect, it } from "vitest";
import { isBadRequest, isStatusError } from "@apimachinery/meta";
import type { RuntimeObject } from "@apimachinery/runtime";
import {
  DEFAULT_MAX_FRAME_BYTES,
  PROTOBUF_MEDIA_TYPE,
  PROTOBUF_STREAM_MEDIA_TYPE,
  ProtobufWatchEventSerializer,
  decodeWatchEvent,
  encodeWatchEvent,
  lengthDelimitedFramer,
  protobufSerializerInfo,
} from "../src/index.js";
import { SchemaRegistry } from "@apimachinery/runtime";
import { bytes, hex, testKinds, testMessages, testSerializer } from "./support/test-schemas.js";

const serializer = testSerializer();
const thing = (name: string): RuntimeObject => ({ apiVersion: "v1", kind: "Thing", name }) as RuntimeObject;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

describe("length-delimited framing", () => {
  it("prefixes a big-endian length", () => {
    expect(hex(lengthDelimitedFramer.newFrameWriter().frame(bytes("0a0b0c")))).toBe("000000030a0b0c");
  });

  it("reads frames from chunks split at every offset", () => {
    const writer = lengthDelimitedFramer.newFrameWriter();
    const payloads = [bytes("01"), new Uint8Array(0), bytes("020304"), new Uint8Array(300).fill(7)];
    const stream = concat(payloads.map((payload) => writer.frame(payload)));
    for (let split = 0; split <= stream.length; split++) {
      const reader = lengthDelimitedFramer.newFrameReader();
      const frames = [...reader.push(stream.subarray(0, split)), ...reader.push(stream.subarray(split))];
      expect(frames.map(hex)).toEqual(payloads.map(hex));
      expect(reader.idle).toBe(true);
    }
  });

  it("reads a stream fed one byte at a time", () => {
    const writer = lengthDelimitedFramer.newFrameWriter();
    const stream = concat([writer.frame(bytes("aabb")), writer.frame(bytes("cc"))]);
    const reader = lengthDelimitedFramer.newFrameReader();
    const frames: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i++) {
      frames.push(...reader.push(stream.subarray(i, i + 1)));
      expect(reader.idle).toBe(i === 5 || i === stream.length - 1);
    }
    expect(frames.map(hex)).toEqual(["aabb", "cc"]);
  });

  it("rejects a frame over the limit", () => {
    const reader = lengthDelimitedFramer.newFrameReader({ maxFrameBytes: 16 });
    expect(reader.push(lengthDelimitedFramer.newFrameWriter().frame(new Uint8Array(16)))).toHaveLength(1);
    let caught: unknown;
    try {
      reader.push(bytes("00000011"));
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect(String(caught)).toMatch(/watch frame of 17 bytes exceeds the limit of 16 bytes/);
    expect(reader.idle).toBe(true);
  });

  it("defaults to a 16 MiB limit", () => {
    expect(DEFAULT_MAX_FRAME_BYTES).toBe(16 * 1024 * 1024);
    expect(() => lengthDelimitedFramer.newFrameReader().push(bytes("01000001"))).toThrow(/exceeds the limit of 16777216 bytes/);
  });
});

describe("watch events", () => {
  it("wraps the enveloped object in WatchEvent", () => {
    const object = serializer.encode(thing("a"));
    const event = encodeWatchEvent("ADDED", object);
    const expected = `0a054144444544 12${(object.length + 2).toString(16)} 0a${object.length.toString(16)}${hex(object)}`.replace(/ /g, "");
    expect(hex(event)).toBe(expected);
    const decoded = decodeWatchEvent(event);
    expect(decoded.type).toBe("ADDED");
    expect(hex(decoded.object)).toBe(hex(object));
  });

  it("rejects a malformed WatchEvent", () => {
    let caught: unknown;
    try {
      decodeWatchEvent(bytes("0a05414444"));
    } catch (error) {
      caught = error;
    }
    expect(isStatusError(caught)).toBe(true);
  });

  it("round-trips through the stream serializer and framer", () => {
    const info = protobufSerializerInfo({ schemas: new SchemaRegistry().add(testMessages), kinds: testKinds });
    const stream = info.streamSerializer!;
    const writer = stream.framer.newFrameWriter();
    const events = [
      { type: "ADDED", object: thing("a") },
      { type: "DELETED", object: thing("b") },
    ];
    const wire = concat(events.map((event) => writer.frame(stream.serializer.encode(event as RuntimeObject))));
    const reader = stream.framer.newFrameReader();
    const decoded = reader.push(wire).map((frame) => stream.serializer.decode(frame));
    expect(decoded.map((entry) => entry.object)).toEqual(events);
    expect(decoded[0]!.gvk).toEqual({ group: "", version: "v1", kind: "WatchEvent" });
  });

  it("skips unknown WatchEvent fields", () => {
    const object = serializer.encode(thing("a"));
    const event = Uint8Array.from([...encodeWatchEvent("MODIFIED", object), 0x18, 0x05]);
    expect(decodeWatchEvent(event).type).toBe("MODIFIED");
    expect(hex(decodeWatchEvent(event).object)).toBe(hex(object));
  });

  it("rejects a stream event whose object is missing", () => {
    const events = new ProtobufWatchEventSerializer(serializer);
    expect(() => events.decode(bytes("0a054144444544"))).toThrow(/empty data/);
  });

  it("rejects an event without an object", () => {
    const events = new ProtobufWatchEventSerializer(serializer);
    expect(() => events.encode({ type: "ADDED" } as RuntimeObject)).toThrow(/a watch event needs a string type and an object/);
  });
});

describe("serializer info", () => {
  it("describes the protobuf media types", () => {
    const info = protobufSerializerInfo({ schemas: new SchemaRegistry().add(testMessages), kinds: testKinds });
    expect(info.mediaType).toBe(PROTOBUF_MEDIA_TYPE);
    expect(info.mediaTypeType).toBe("application");
    expect(info.mediaTypeSubType).toBe("vnd.kubernetes.protobuf");
    expect(info.encodesAsText).toBe(false);
    expect(info.prettySerializer).toBeUndefined();
    expect(info.streamSerializer?.mediaType).toBe(PROTOBUF_STREAM_MEDIA_TYPE);
    expect(PROTOBUF_STREAM_MEDIA_TYPE).toBe("application/vnd.kubernetes.protobuf;stream=watch");
    expect(info.serializer.decode(info.serializer.encode(thing("x"))).object).toEqual(thing("x"));
  });
});
