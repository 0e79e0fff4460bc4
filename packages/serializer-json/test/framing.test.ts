import { describe, expect, test } from "vitest";
import { isRequestEntityTooLarge, isBadRequest } from "@apimachinery/meta";
import { jsonFramer, jsonSerializerInfo } from "@apimachinery/serializer-json";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const events = [
  '{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a"}}}',
  '{"type":"MODIFIED","object":{"kind":"Pod","data":"brace } and quote \\" inside","n":9007199254740993}}',
  '{"type":"DELETED","object":{"kind":"Pod","text":"ünïcödé ✓ 😀"}}',
  '{"type":"BOOKMARK","object":{"kind":"Pod","list":[[],{},[{}]]}}',
  '{"type":"ADDED","object":{"kind":"Pod","path":"C:\\\\","open":"{[","close":"}]\\\\"}}',
];
const stream = encoder.encode(events.map((event) => `${event}\n`).join(""));

/** Feeds `bytes` to a new frame reader in chunks of `size` bytes and returns the frames as text. */
function readInChunks(bytes: Uint8Array, size: number, maxFrameBytes?: number): string[] {
  const reader = jsonFramer.newFrameReader(maxFrameBytes === undefined ? undefined : { maxFrameBytes });
  const frames: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    for (const frame of reader.push(bytes.subarray(offset, offset + size))) frames.push(decoder.decode(frame));
  }
  expect(reader.idle).toBe(true);
  return frames;
}

describe("JSON frame reader", () => {
  test.each([1, 2, 3, 5, 7, 16, 64, 1000, stream.length])("chunks of %i bytes", (size) => {
    expect(readInChunks(stream, size)).toEqual(events);
  });

  test("objects without separators", () => {
    expect(readInChunks(encoder.encode(events.join("")), 4)).toEqual(events);
  });

  test("whitespace between objects", () => {
    expect(readInChunks(encoder.encode(` \r\n\t${events.join(" \r\n\t")}\n\n`), 3)).toEqual(events);
  });

  test("partial frame is pending", () => {
    const reader = jsonFramer.newFrameReader();
    expect(reader.push(encoder.encode('{"type":"ADD'))).toEqual([]);
    expect(reader.idle).toBe(false);
    expect(reader.push(encoder.encode('ED"}\n')).map((frame) => decoder.decode(frame))).toEqual(['{"type":"ADDED"}']);
    expect(reader.idle).toBe(true);
  });

  test("reused chunk buffer", () => {
    const reader = jsonFramer.newFrameReader();
    const buffer = encoder.encode('{"a":"xy');
    expect(reader.push(buffer)).toEqual([]);
    buffer.fill(0x20);
    expect(reader.push(encoder.encode('z"}')).map((frame) => decoder.decode(frame))).toEqual(['{"a":"xyz"}']);
  });

  test("frame over the limit", () => {
    let caught: unknown;
    try {
      readInChunks(stream, 8, 40);
    } catch (error) {
      caught = error;
    }
    expect(isRequestEntityTooLarge(caught)).toBe(true);
    expect(String(caught)).toContain("exceeds the limit of 40 bytes");
  });

  test("frame at the limit", () => {
    const frame = '{"a":1}';
    expect(readInChunks(encoder.encode(frame), 2, frame.length)).toEqual([frame]);
  });

  test.each(["x{}", '{"a":1} 5', '"text"'])("rejects %j", (text) => {
    let caught: unknown;
    try {
      readInChunks(encoder.encode(text), 3);
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect(String(caught)).toMatch(/invalid watch stream at byte offset \d+/);
  });
});

describe("JSON frame writer", () => {
  test("appends a newline", () => {
    const writer = jsonFramer.newFrameWriter();
    expect(decoder.decode(writer.frame(encoder.encode('{"a":1}')))).toBe('{"a":1}\n');
  });

  test("keeps an existing newline", () => {
    const writer = jsonFramer.newFrameWriter();
    expect(decoder.decode(writer.frame(encoder.encode('{"a":1}\n')))).toBe('{"a":1}\n');
  });

  test("writer and reader round trip", () => {
    const info = jsonSerializerInfo();
    const stream = info.streamSerializer;
    expect(stream).toBeDefined();
    if (stream === undefined) return;
    const writer = stream.framer.newFrameWriter();
    const objects = [
      { kind: "WatchEvent", type: "ADDED", object: { kind: "Pod", n: 9007199254740993n } },
      { kind: "WatchEvent", type: "DELETED", object: { kind: "Pod", s: "a\nb" } },
    ];
    const bytes = objects.map((object) => writer.frame(stream.serializer.encode(object)));
    const joined = encoder.encode(bytes.map((part) => decoder.decode(part)).join(""));
    const reader = stream.framer.newFrameReader();
    const decoded = reader.push(joined).map((frame) => stream.serializer.decode(frame).object);
    expect(decoded).toEqual(objects);
  });
});
