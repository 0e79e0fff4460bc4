import { describe, expect, it } from "vitest";
import { generate, type FixtureInput } from "../src/index.js";
import { APPS_PROTO, META_PROTO } from "./fixtures.js";

const PACKAGE_JSON = JSON.stringify({ name: "@apimachinery/api", exports: {} });

/** Returns a length-delimited field: its tag byte, its length and its payload. */
function delimited(fieldNumber: number, payload: number[]): number[] {
  return [(fieldNumber << 3) | 2, payload.length, ...payload];
}

/** Wraps an object's bytes in the `k8s\0` magic and a `runtime.Unknown` (raw is field 2). */
function envelope(object: number[]): Uint8Array {
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...delimited(2, object)]);
}

// A Port with `port: 0` (varint) and an empty `protocol`, inside a WidgetSpec with an empty `uRL`.
const port = [0x08, 0x00, ...delimited(2, [])];
const spec = [...delimited(3, port), ...delimited(4, [])];
const widget = delimited(2, spec);

function run(fixture: FixtureInput): ReturnType<typeof generate> {
  return generate({ protos: [META_PROTO, APPS_PROTO], fixtures: [fixture], packageJson: PACKAGE_JSON });
}

describe("learnOmitEmpty", () => {
  const json = { apiVersion: "apps/v1", kind: "Widget", spec: { ports: [{ port: 0 }] } };

  it("marks zero scalars that JSON leaves out", () => {
    const output = run({ name: "apps.v1.Widget", value: json, pb: envelope(widget) });
    expect([...output.omitEmpty].sort()).toEqual(["k8s.io.api.apps.v1.Port.protocol", "k8s.io.api.apps.v1.WidgetSpec.uRL"]);
    const schema = output.files.get("src/gen/apps/v1/schema.ts") ?? "";
    expect(schema).toContain('{ name: "protocol", number: 2, type: { kind: "scalar", scalar: "string" }, omitEmpty: true }');
  });

  it("leaves zeros that JSON writes", () => {
    const output = run({ name: "apps.v1.Widget", value: json, pb: envelope(widget) });
    expect(output.omitEmpty.has("k8s.io.api.apps.v1.Port.port")).toBe(false);
  });

  it("learns nothing without protobuf bytes", () => {
    expect(run({ name: "apps.v1.Widget", value: json }).omitEmpty.size).toBe(0);
  });

  it("rejects bytes without the magic", () => {
    expect(() => run({ name: "apps.v1.Widget", value: json, pb: new Uint8Array(widget) })).toThrow(/magic/);
  });

  it("rejects a truncated field", () => {
    const truncated = envelope(widget).subarray(0, 10);
    expect(() => run({ name: "apps.v1.Widget", value: json, pb: truncated })).toThrow(/truncated|invalid/);
  });
});
