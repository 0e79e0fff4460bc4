import { describe, expect, test } from "vitest";
import { isBadRequest } from "@apimachinery/meta";
import { Scheme, type MessageSchema } from "@apimachinery/runtime";
import { decodeJson, JsonSerializer } from "@apimachinery/serializer-json";

const string = { kind: "scalar", scalar: "string" } as const;
const int32 = { kind: "scalar", scalar: "int32" } as const;

const messages: MessageSchema[] = [
  {
    name: "test.ObjectMeta",
    fields: [
      { name: "name", number: 1, type: string },
      { name: "labels", number: 11, type: { kind: "map", key: "string", value: string } },
      { name: "creationTimestamp", number: 8, type: { kind: "message", message: "test.Time" } },
    ],
  },
  { name: "test.Time", fields: [], special: "Time" },
  { name: "test.RawExtension", fields: [], special: "RawExtension" },
  {
    name: "test.Widget",
    fields: [
      { name: "metadata", number: 1, type: { kind: "message", message: "test.ObjectMeta" } },
      { name: "spec", number: 2, type: { kind: "message", message: "test.WidgetSpec" } },
    ],
  },
  {
    name: "test.WidgetSpec",
    fields: [
      { name: "replicas", number: 1, type: int32 },
      { name: "parts", number: 2, type: { kind: "message", message: "test.Part" }, repeated: true },
      { name: "byName", number: 3, type: { kind: "map", key: "string", value: { kind: "message", message: "test.Part" } } },
      { name: "extra", number: 4, type: { kind: "message", message: "test.RawExtension" } },
      { name: "common", number: 5, type: { kind: "message", message: "test.Common" }, inline: true },
      { name: "data", number: 6, type: { kind: "scalar", scalar: "bytes" } },
      { name: "port", number: 7, type: { kind: "message", message: "test.IntOrString" } },
      { name: "size", number: 8, type: { kind: "message", message: "test.Quantity" } },
      { name: "big", number: 9, type: { kind: "scalar", scalar: "int64" } },
      { name: "ratio", number: 10, type: { kind: "scalar", scalar: "double" } },
      { name: "enabled", number: 11, type: { kind: "scalar", scalar: "bool" } },
      { name: "counts", number: 12, type: { kind: "map", key: "string", value: { kind: "scalar", scalar: "uint32" } } },
    ],
  },
  { name: "test.IntOrString", fields: [], special: "IntOrString" },
  { name: "test.Quantity", fields: [], special: "Quantity" },
  { name: "test.Common", fields: [{ name: "shared", number: 1, type: string }] },
  { name: "test.Part", fields: [{ name: "name", number: 1, type: string }] },
];

const scheme = new Scheme("strict-test").addKnownTypes({ group: "example.com", version: "v1" }, [{ kind: "Widget", message: "test.Widget" }, "Gadget"]);
scheme.schemas.add(messages);

function strictErrors(json: string): readonly string[] {
  return decodeJson(json, { strict: true, schemas: scheme }).strictErrors ?? [];
}

const head = '"apiVersion":"example.com/v1","kind":"Widget"';

describe("strict decoding", () => {
  test.each([
    [`{${head},"metadata":{"name":"a"},"spec":{"replicas":1}}`, []],
    [`{${head},"spec":{"foo":1}}`, ['unknown field "spec.foo"']],
    [`{${head},"status":{}}`, ['unknown field "status"']],
    [`{${head},"metadata":{"name":"a","name":"b"}}`, ['duplicate field "metadata.name"']],
    [`{${head},"kind":"Widget"}`, ['duplicate field "kind"']],
    [`{${head},"spec":{"parts":[{"name":"a"},{"nmae":"b"}]}}`, ['unknown field "spec.parts[1].nmae"']],
    [`{${head},"spec":{"parts":[{"name":"a","name":"b"}]}}`, ['duplicate field "spec.parts[0].name"']],
    [`{${head},"spec":{"byName":{"x":{"bogus":true}}}}`, ['unknown field "spec.byName.x.bogus"']],
    [`{${head},"spec":{"extra":{"anything":{"goes":1}}}}`, []],
    [`{${head},"spec":{"shared":"inline field"}}`, []],
    [`{${head},"metadata":{"labels":{"a":"b"},"creationTimestamp":"2020-01-01T00:00:00Z"}}`, []],
    [
      `{${head},"spec":{"replicas":1,"replicas":2,"x":1},"y":2}`,
      ['duplicate field "spec.replicas"', 'unknown field "spec.x"', 'unknown field "y"'],
    ],
  ])("%s", (json, expected) => {
    expect(strictErrors(json)).toEqual(expected);
  });

  test.each([
    ['"spec":{"replicas":"3"}', 'json: cannot unmarshal string into Go struct field WidgetSpec.spec.replicas of type int32'],
    ['"spec":{"replicas":3000000000}', "cannot unmarshal number 3000000000 into Go struct field WidgetSpec.spec.replicas of type int32"],
    ['"spec":{"replicas":1.5}', "cannot unmarshal number 1.5 into Go struct field WidgetSpec.spec.replicas of type int32"],
    ['"spec":{"big":99999999999999999999}', "cannot unmarshal number 100000000000000000000 into Go struct field WidgetSpec.spec.big of type int64"],
    ['"spec":{"parts":{"name":"a"}}', "cannot unmarshal object into Go struct field WidgetSpec.spec.parts of type []Part"],
    ['"spec":{"parts":["a"]}', "cannot unmarshal string into Go struct field WidgetSpec.spec.parts[0] of type Part"],
    ['"spec":{"byName":{"x":{"name":7}}}', "cannot unmarshal number 7 into Go struct field Part.spec.byName.x.name of type string"],
    ['"spec":{"byName":[]}', "cannot unmarshal array into Go struct field WidgetSpec.spec.byName of type map[string]Part"],
    ['"spec":{"data":"not base64!"}', "cannot unmarshal string into Go struct field WidgetSpec.spec.data of type []uint8"],
    ['"spec":{"port":1.5}', "cannot unmarshal number 1.5 into Go struct field WidgetSpec.spec.port of type IntOrString"],
    ['"spec":{"size":true}', "cannot unmarshal bool into Go struct field WidgetSpec.spec.size of type Quantity"],
    ['"spec":{"ratio":"0.5"}', "cannot unmarshal string into Go struct field WidgetSpec.spec.ratio of type float64"],
    ['"spec":{"enabled":"true"}', "cannot unmarshal string into Go struct field WidgetSpec.spec.enabled of type bool"],
    ['"spec":{"counts":{"a":-1}}', "cannot unmarshal number -1 into Go struct field WidgetSpec.spec.counts.a of type uint32"],
    ['"spec":{"shared":5}', "cannot unmarshal number 5 into Go struct field WidgetSpec.spec.shared of type string"],
    ['"metadata":{"labels":{"a":5}}', "cannot unmarshal number 5 into Go struct field ObjectMeta.metadata.labels.a of type string"],
    ['"metadata":{"creationTimestamp":5}', "cannot unmarshal number 5 into Go struct field ObjectMeta.metadata.creationTimestamp of type Time"],
    ['"metadata":"web"', "cannot unmarshal string into Go struct field Widget.metadata of type ObjectMeta"],
  ])("wrong type %s", (fields, message) => {
    for (const strict of [false, true]) {
      let caught: unknown;
      try {
        decodeJson(`{${head},${fields}}`, { strict, schemas: scheme });
      } catch (error) {
        caught = error;
      }
      expect(isBadRequest(caught)).toBe(true);
      expect(String(caught)).toContain(message);
    }
  });

  test.each([
    '"spec":{"replicas":null,"parts":null,"byName":null,"port":null,"data":null}',
    '"spec":{"replicas":-2147483648,"big":-9223372036854775808,"ratio":1,"counts":{"a":4294967295}}',
    '"spec":{"port":"http","size":1,"data":"aGVsbG8=","extra":[1,"two",{"three":3}]}',
    '"spec":{"port":8080,"size":"1.5Gi","big":9007199254740993}',
  ])("right types %s", (fields) => {
    expect(() => decodeJson(`{${head},${fields}}`, { schemas: scheme })).not.toThrow();
  });

  test("kinds without a schema are not type checked", () => {
    expect(() => decodeJson('{"apiVersion":"example.com/v1","kind":"Gadget","spec":{"replicas":"3"}}', { schemas: scheme })).not.toThrow();
  });

  test("last duplicate wins", () => {
    const { object } = decodeJson(`{${head},"metadata":{"name":"a","name":"b"}}`, { strict: true, schemas: scheme });
    expect(object["metadata"]).toEqual({ name: "b" });
  });

  test("kinds without a schema report duplicates only", () => {
    expect(decodeJson('{"apiVersion":"example.com/v1","kind":"Gadget","x":1,"x":2,"y":3}', { strict: true, schemas: scheme }).strictErrors).toEqual([
      'duplicate field "x"',
    ]);
  });

  test.each([
    ['{"kind":"K","a":[{"b":[{},{"x":1,"x":2}]}]}', ['duplicate field "a[0].b[1].x"']],
    ['{"kind":"K","m":{"k":{"v":1}},"m":{"k":{"v":1,"v":2}}}', ['duplicate field "m.k.v"', 'duplicate field "m"']],
    ['{"kind":"K","a":[[{"x":1,"x":1}]]}', ['duplicate field "a[0][0].x"']],
    ['{"kind":"K","x":{"":1,"":2}}', ['duplicate field "x."']],
  ])("duplicate paths in %s", (json, expected) => {
    expect(decodeJson(json, { strict: true }).strictErrors).toEqual(expected);
  });

  test("lenient mode reports nothing", () => {
    expect(decodeJson(`{${head},"spec":{"foo":1},"spec":{}}`, { schemas: scheme }).strictErrors).toBeUndefined();
  });

  test("strict serializer", () => {
    const serializer = new JsonSerializer({ strict: true, schemas: scheme });
    const decoded = serializer.decode(new TextEncoder().encode(`{${head},"spec":{"foo":1}}`));
    expect(decoded.strictErrors).toEqual(['unknown field "spec.foo"']);
    expect(decoded.gvk).toEqual({ group: "example.com", version: "v1", kind: "Widget" });
  });

  test("__proto__ stays an own field", () => {
    const { object } = decodeJson('{"kind":"K","__proto__":{"polluted":true}}', { strict: true });
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.keys(object)).toEqual(["kind", "__proto__"]);
  });
});
