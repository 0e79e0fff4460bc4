import { describe, expect, test } from "vitest";
import { isNotAcceptable, isUnsupportedMediaType } from "@apimachinery/meta";
import { CodecFactory, Scheme, metaTransformRestrictions } from "@apimachinery/runtime";
import { jsonSerializerInfo } from "@apimachinery/serializer-json";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const scheme = new Scheme("factory-test").addKnownTypes({ group: "example.com", version: "v1" }, [{ kind: "Widget", message: "test.Widget" }]);
scheme.schemas.add([{ name: "test.Widget", fields: [{ name: "spec", number: 1, type: { kind: "scalar", scalar: "string" } }] }]);
const factory = new CodecFactory([jsonSerializerInfo({ schemas: scheme })]);
const widget = { apiVersion: "example.com/v1", kind: "Widget", spec: "a<b" };

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("JSON in a CodecFactory", () => {
  test("compact output by default", () => {
    const output = factory.negotiateOutput("application/json");
    expect(decoder.decode(output.serializer.encode(widget))).toBe('{"apiVersion":"example.com/v1","kind":"Widget","spec":"a\\u003cb"}\n');
  });

  test("pretty output from the media type", () => {
    const output = factory.negotiateOutput("application/json;pretty=1");
    expect(decoder.decode(output.serializer.encode(widget))).toBe('{\n  "apiVersion": "example.com/v1",\n  "kind": "Widget",\n  "spec": "a\\u003cb"\n}');
  });

  test("Table request keeps the conversion", () => {
    const output = factory.negotiateOutput("application/json;as=Table;g=meta.k8s.io;v=v1", metaTransformRestrictions);
    expect(output.info.mediaType).toBe("application/json");
    expect(output.options.convert).toEqual({ group: "meta.k8s.io", version: "v1", kind: "Table" });
  });

  test("yaml only is not acceptable", () => {
    const error = caught(() => factory.negotiateOutput("application/yaml"));
    expect(isNotAcceptable(error)).toBe(true);
    expect(String(error)).toContain("only the following media types are accepted: application/json");
  });

  test("strict input reports unknown fields", () => {
    const input = factory.negotiateInput("application/json; charset=utf-8");
    const decoded = input.info.strictSerializer?.decode(encoder.encode('{"apiVersion":"example.com/v1","kind":"Widget","spec":"x","extra":1}'));
    expect(decoded?.strictErrors).toEqual(['unknown field "extra"']);
  });

  test("lenient input rejects a wrong type", () => {
    const input = factory.negotiateInput(undefined);
    const error = caught(() => input.info.serializer.decode(encoder.encode('{"apiVersion":"example.com/v1","kind":"Widget","spec":5}')));
    expect(String(error)).toContain("cannot unmarshal number 5 into Go struct field Widget.spec of type string");
  });

  test("unsupported content type", () => {
    expect(isUnsupportedMediaType(caught(() => factory.negotiateInput("application/yaml")))).toBe(true);
  });

  test("watch stream frames events", () => {
    const stream = factory.negotiateOutputStream("application/json");
    const writer = stream.framer.newFrameWriter();
    const event = { kind: "WatchEvent", type: "ADDED", object: widget };
    const bytes = writer.frame(stream.streamSerializer.encode(event));
    expect(stream.streamMediaType).toBe("application/json");
    expect(decoder.decode(bytes).endsWith("}\n")).toBe(true);
    const frames = stream.framer.newFrameReader().push(bytes);
    expect(frames).toHaveLength(1);
  });
});
