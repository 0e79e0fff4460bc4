import { readFileSync } from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";
import { referenceDir } from "@apimachinery/testing";
import { describe, expect, it } from "vitest";
import { encodeOpenApiV2, openApiV2Document, openApiV2DocumentType, openApiV2Message } from "../../src/openapi/index.js";
import { gnosticToJson } from "./support/gnostic-to-json.js";
import { resource, servedResources } from "./support/resources.js";
import type { Json } from "./support/walk.js";

const decode = (bytes: Uint8Array): Json => {
  const type = openApiV2DocumentType();
  return type.toObject(type.decode(bytes), { longs: Number }) as Json;
};

describe("protobuf OpenAPI v2", () => {
  it("decodes back to the JSON document", () => {
    const document = openApiV2Document(servedResources);
    const decoded = gnosticToJson(decode(encodeOpenApiV2(document)));
    // JSON.parse(JSON.stringify()) drops key order differences of the rebuilt objects.
    expect(decoded).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("keeps definitions and paths in document order", () => {
    const document = openApiV2Document(servedResources);
    const decoded = gnosticToJson(decode(encodeOpenApiV2(document)));
    expect(Object.keys(decoded["definitions"] as Json)).toEqual(Object.keys(document["definitions"] as Json));
    expect(Object.keys(decoded["paths"] as Json)).toEqual(Object.keys(document["paths"] as Json));
  });

  it("writes vendor extensions as YAML-readable JSON text", () => {
    const message = openApiV2Message(openApiV2Document([resource("apps", "v1", "Deployment", "deployments", true)]));
    const definitions = (message["definitions"] as Json)["additional_properties"] as { name: string; value: Json }[];
    const deployment = definitions.find((entry) => entry.name === "io.k8s.api.apps.v1.Deployment");
    expect(deployment?.value["vendor_extension"]).toEqual([
      { name: "x-kubernetes-group-version-kind", value: { yaml: '[{"group":"apps","kind":"Deployment","version":"v1"}]' } },
    ]);
  });

  it("writes query parameters as non-body parameters", () => {
    const message = openApiV2Message(openApiV2Document([resource("", "v1", "ConfigMap", "configmaps", true)]));
    const paths = (message["paths"] as Json)["path"] as { name: string; value: Json }[];
    const item = paths.find((entry) => entry.name === "/api/v1/namespaces/{namespace}/configmaps/{name}");
    const patch = item?.value["patch"] as Json;
    const names = (patch["parameters"] as Json[]).map((parameter) => {
      const nonBody = (parameter["parameter"] as Json)["non_body_parameter"] as Json | undefined;
      return (nonBody?.["query_parameter_sub_schema"] as Json | undefined)?.["name"];
    });
    expect(names).toEqual(expect.arrayContaining(["dryRun", "fieldManager", "fieldValidation"]));
  });

  it("rejects a construct the protobuf form does not carry", () => {
    const document = openApiV2Document([resource("", "v1", "ConfigMap", "configmaps", true)]);
    const definitions = document["definitions"] as Json;
    definitions["io.k8s.api.core.v1.ConfigMap"] = { type: "object", oneOf: [] };
    expect(() => openApiV2Message(document)).toThrow(/has a key oneOf/);
  });
});

const reference = referenceDir();

describe.skipIf(reference === undefined)("descriptor", () => {
  it("matches the reference .proto", () => {
    const source = path.join(reference ?? "", "openapi-proto", "OpenAPIv2.proto");
    const root = new protobuf.Root().loadSync(source, { keepCase: true });
    const expected = root.lookupType("openapi.v2.Document");
    const committed = openApiV2DocumentType();
    const fieldsOf = (type: protobuf.Type) => type.fieldsArray.map((field) => [field.name, field.id, field.type, field.repeated]);
    const visit = (left: protobuf.Type, right: protobuf.Type, seen: Set<string>): void => {
      if (seen.has(left.fullName)) return;
      seen.add(left.fullName);
      expect(fieldsOf(right), left.fullName).toEqual(fieldsOf(left));
      for (const field of left.fieldsArray) {
        const inner = field.resolve().resolvedType;
        if (inner instanceof protobuf.Type && inner.fullName.startsWith(".openapi.")) visit(inner, right.root.lookupType(inner.fullName), seen);
      }
    };
    const seen = new Set<string>();
    visit(expected, committed, seen);
    expect(seen.size).toBeGreaterThan(30);
    expect(readFileSync(source, "utf8")).toContain("package openapi.v2;");
  });
});
