import { describe, expect, it } from "vitest";
import { parseProtos, type MessageModel } from "../src/index.js";
import { APPS_PROTO, META_PROTO } from "./fixtures.js";

function message(name: string): MessageModel {
  const found = parseProtos([META_PROTO, APPS_PROTO])
    .flatMap((pkg) => pkg.messages)
    .find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no message ${name}`);
  return found;
}

describe("parseProtos", () => {
  it("lists packages and messages in name order", () => {
    const packages = parseProtos([META_PROTO, APPS_PROTO]);
    expect(packages.map((pkg) => pkg.name)).toEqual(["k8s.io.apimachinery.pkg.apis.meta.v1", "k8s.io.api.apps.v1"]);
    expect(packages[1]?.messages.map((entry) => entry.shortName)).toEqual(["Port", "Reference", "Widget", "WidgetList", "WidgetSpec"]);
  });

  it("sorts fields by number", () => {
    expect(message("k8s.io.api.apps.v1.WidgetSpec").fields.map((field) => field.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it("resolves message references to full names", () => {
    const metadata = message("k8s.io.api.apps.v1.Widget").fields[0];
    expect(metadata?.type).toEqual({ kind: "message", message: "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta" });
    const ports = message("k8s.io.api.apps.v1.WidgetSpec").fields.find((field) => field.protoName === "ports");
    expect(ports?.type).toEqual({ kind: "message", message: "k8s.io.api.apps.v1.Port" });
    expect(ports?.repeated).toBe(true);
  });

  it("reads scalar and map types", () => {
    const port = message("k8s.io.api.apps.v1.Port");
    expect(port.fields.map((field) => field.type)).toEqual([
      { kind: "scalar", scalar: "int32" },
      { kind: "scalar", scalar: "string" },
      { kind: "scalar", scalar: "bytes" },
      { kind: "scalar", scalar: "double" },
    ]);
    const weights = message("k8s.io.api.apps.v1.WidgetSpec").fields[0];
    expect(weights?.type).toEqual({ kind: "map", key: "string", value: { kind: "scalar", scalar: "int64" } });
    expect(weights?.repeated).toBe(false);
  });

  it("reads field markers", () => {
    const ports = message("k8s.io.api.apps.v1.WidgetSpec").fields.find((field) => field.protoName === "ports");
    expect(ports?.markers).toEqual({
      optional: true,
      required: false,
      listType: "map",
      listMapKeys: ["port", "protocol"],
      patchStrategy: "merge",
      patchMergeKey: "port",
    });
    expect(message("k8s.io.api.apps.v1.WidgetSpec").fields[0]?.markers.mapType).toBe("atomic");
    expect(message("k8s.io.api.apps.v1.Widget").fields[0]?.markers.optional).toBe(true);
    expect(message("k8s.io.api.apps.v1.Widget").fields[1]?.markers.optional).toBe(false);
  });

  it("reads message markers", () => {
    expect(message("k8s.io.api.apps.v1.WidgetSpec").markers.structType).toBe("atomic");
    expect(message("k8s.io.api.apps.v1.Widget").markers.structType).toBeUndefined();
  });

  it("marks special shapes", () => {
    expect(message("k8s.io.apimachinery.pkg.apis.meta.v1.Time").special).toBe("Time");
    expect(message("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta").special).toBeUndefined();
  });

  it("rejects an unresolved message reference", () => {
    expect(() => parseProtos([APPS_PROTO])).toThrow();
  });

  it("rejects enum fields", () => {
    const text = 'syntax = "proto2"; package k8s.io.api.x.v1; enum E { A = 0; } message M { optional E e = 1; }';
    expect(() => parseProtos([{ file: "x.proto", text }])).toThrow(/enum/);
  });

  it("rejects a file without a package", () => {
    expect(() => parseProtos([{ file: "x.proto", text: 'syntax = "proto2"; message M {}' }])).toThrow(/no package/);
  });
});
