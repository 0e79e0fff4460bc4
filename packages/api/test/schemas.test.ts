import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, test } from "vitest";
import type { FieldType, MessageSchema } from "@apimachinery/runtime";
import { SchemaRegistry } from "@apimachinery/runtime";
import { allKindSchemas, allMessageSchemas, builtinSchemas } from "@apimachinery/api";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const registry = builtinSchemas();

function referencedMessages(type: FieldType): string[] {
  if (type.kind === "message") return [type.message];
  if (type.kind === "map") return referencedMessages(type.value);
  return [];
}

function message(name: string): MessageSchema {
  const found = registry.message(name);
  if (found === undefined) throw new Error(`no schema for ${name}`);
  return found;
}

describe("builtin schemas", () => {
  it("registers every message once", () => {
    const names = allMessageSchemas.map((schema) => schema.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...registry.all()].length).toBe(names.length);
  });

  it("fills a given registry", () => {
    const given = new SchemaRegistry();
    expect(builtinSchemas(given)).toBe(given);
    expect(given.message("k8s.io.api.apps.v1.Deployment")?.name).toBe("k8s.io.api.apps.v1.Deployment");
  });

  it("has no dangling message references", () => {
    const dangling = allMessageSchemas.flatMap((schema) =>
      schema.fields.flatMap((field) =>
        referencedMessages(field.type)
          .filter((name) => registry.message(name) === undefined)
          .map((name) => `${schema.name}.${field.name} → ${name}`),
      ),
    );
    expect(dangling).toEqual([]);
  });

  it("resolves every message reachable from a kind", () => {
    const seen = new Set<string>();
    const queue = allKindSchemas.map((kind) => kind.message);
    const missing: string[] = [];
    while (queue.length > 0) {
      const name = queue.pop() ?? "";
      if (seen.has(name)) continue;
      seen.add(name);
      const schema = registry.message(name);
      if (schema === undefined) {
        missing.push(name);
        continue;
      }
      for (const field of schema.fields) queue.push(...referencedMessages(field.type));
    }
    console.log(`messages reachable from ${allKindSchemas.length} kinds: ${seen.size - missing.length}/${seen.size} resolved`);
    expect(missing).toEqual([]);
  });

  it("keeps fields in field-number order with unique numbers and names", () => {
    const problems: string[] = [];
    for (const schema of allMessageSchemas) {
      const numbers = schema.fields.map((field) => field.number);
      if (numbers.some((number, index) => index > 0 && number <= (numbers[index - 1] ?? 0))) problems.push(`${schema.name}: numbers ${numbers.join(",")}`);
      const names = schema.fields.map((field) => field.name);
      if (new Set(names).size !== names.length) problems.push(`${schema.name}: duplicate JSON names`);
    }
    expect(problems).toEqual([]);
  });

  it("names messages without a leading dot", () => {
    expect(allMessageSchemas.filter((schema) => schema.name.startsWith("."))).toEqual([]);
  });

  it("lists each kind once", () => {
    const keys = allKindSchemas.map((kind) => `${kind.group}/${kind.version}/${kind.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test.each([
    ["", "v1", "Pod", "k8s.io.api.core.v1.Pod"],
    ["", "v1", "PodList", "k8s.io.api.core.v1.PodList"],
    ["", "v1", "Status", "k8s.io.apimachinery.pkg.apis.meta.v1.Status"],
    ["", "v1", "List", "k8s.io.api.core.v1.List"],
    ["apps", "v1", "Deployment", "k8s.io.api.apps.v1.Deployment"],
    ["rbac.authorization.k8s.io", "v1", "ClusterRole", "k8s.io.api.rbac.v1.ClusterRole"],
    ["apiextensions.k8s.io", "v1", "CustomResourceDefinition", "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"],
    ["meta.k8s.io", "v1", "PartialObjectMetadata", "k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata"],
  ])("maps kind %s/%s %s to its message", (group, version, kind, expected) => {
    expect(allKindSchemas.find((entry) => entry.group === group && entry.version === version && entry.kind === kind)?.message).toBe(expected);
  });
});

describe("special shapes and markers", () => {
  test.each([
    ["k8s.io.apimachinery.pkg.apis.meta.v1.Time", "Time"],
    ["k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime", "MicroTime"],
    ["k8s.io.apimachinery.pkg.apis.meta.v1.Duration", "Duration"],
    ["k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1", "FieldsV1"],
    ["k8s.io.apimachinery.pkg.apis.meta.v1.Verbs", "StringList"],
    ["k8s.io.apimachinery.pkg.runtime.RawExtension", "RawExtension"],
    ["k8s.io.apimachinery.pkg.util.intstr.IntOrString", "IntOrString"],
    ["k8s.io.apimachinery.pkg.api.resource.Quantity", "Quantity"],
    ["k8s.io.api.authentication.v1.ExtraValue", "StringList"],
    ["k8s.io.api.authorization.v1.ExtraValue", "StringList"],
    ["k8s.io.api.certificates.v1.ExtraValue", "StringList"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON", "JSON"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray", "JSONSchemaPropsOrArray"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrBool", "JSONSchemaPropsOrBool"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrStringArray", "JSONSchemaPropsOrStringArray"],
  ])("marks %s as %s", (name, special) => {
    expect(message(name).special).toBe(special);
  });

  test.each([
    ["k8s.io.api.core.v1.ConfigMapKeySelector", "localObjectReference"],
    ["k8s.io.api.core.v1.Volume", "volumeSource"],
    ["k8s.io.api.core.v1.Probe", "handler"],
    ["k8s.io.api.core.v1.EphemeralContainer", "ephemeralContainerCommon"],
    ["k8s.io.api.core.v1.PersistentVolumeSpec", "persistentVolumeSource"],
    ["k8s.io.apimachinery.pkg.runtime.Unknown", "typeMeta"],
  ])("marks %s.%s inline", (name, field) => {
    expect(message(name).fields.find((entry) => entry.name === field)?.inline).toBe(true);
  });

  test.each([
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", "ref", "$ref"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", "schema", "$schema"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", "xKubernetesPreserveUnknownFields", "x-kubernetes-preserve-unknown-fields"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", "xKubernetesListMapKeys", "x-kubernetes-list-map-keys"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps", "xKubernetesValidations", "x-kubernetes-validations"],
    ["k8s.io.api.authentication.v1.BoundObjectReference", "uID", "uid"],
    ["k8s.io.api.networking.v1.IngressClassParametersReference", "aPIGroup", "apiGroup"],
  ])("gives %s.%s the JSON name %s", (name, protoName, jsonName) => {
    expect(message(name).fields.find((entry) => entry.protoName === protoName)?.name).toBe(jsonName);
  });

  it("carries the list and patch markers of PodSpec", () => {
    const spec = message("k8s.io.api.core.v1.PodSpec");
    expect(spec.fields.find((field) => field.name === "containers")).toMatchObject({
      number: 2,
      repeated: true,
      listType: "map",
      listMapKeys: ["name"],
      patchStrategy: "merge",
      patchMergeKey: "name",
    });
    expect(spec.fields.find((field) => field.name === "topologySpreadConstraints")?.listMapKeys).toEqual(["topologyKey", "whenUnsatisfiable"]);
    expect(spec.fields.find((field) => field.name === "nodeSelector")).toMatchObject({ mapType: "atomic", optional: true });
    expect(spec.fields.find((field) => field.name === "volumes")?.patchStrategy).toBe("merge,retainKeys");
  });

  it("carries required markers", () => {
    expect(message("k8s.io.api.apps.v1.DaemonSet").fields.find((field) => field.name === "spec")?.required).toBe(true);
    expect(message("k8s.io.api.apps.v1.DaemonSet").fields.find((field) => field.name === "status")?.required).toBeUndefined();
  });

  it("carries omitEmpty learned from the protobuf fixtures", () => {
    const props = message("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
    const numbers = props.fields.filter((field) => field.omitEmpty === true).map((field) => field.number);
    expect(numbers).toEqual([1, 2, 4, 5, 6, 7, 10, 12, 15, 18, 37, 39, 40]);
  });

  it("carries structType on messages", () => {
    expect(message("k8s.io.api.core.v1.ConfigMapKeySelector").structType).toBe("atomic");
  });
});

describe("package layout", () => {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
    exports: Record<string, { source: string; types: string; import: string }>;
  };

  it("exports a subpath per group version", () => {
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining([".", "./core/v1", "./apps/v1", "./meta/v1", "./apiextensions/v1", "./rbac/v1"]));
  });

  it("points every subpath at an existing source file", () => {
    const missing = Object.entries(manifest.exports)
      .filter(([, conditions]) => !existsSync(path.join(packageDir, conditions.source)))
      .map(([subpath]) => subpath);
    expect(missing).toEqual([]);
  });

  it("keeps generated files at a readable size", () => {
    const genDir = path.join(packageDir, "src/gen");
    const large = readdirSync(genDir, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .filter((file) => readFileSync(path.join(genDir, file), "utf8").split("\n").length > 1500);
    expect(large).toEqual([]);
  });
});
