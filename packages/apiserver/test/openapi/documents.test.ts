import { describe, expect, it, test } from "vitest";
import { definitionName, openApiV2Document, openApiV3Document, openApiV3Keys } from "../../src/openapi/index.js";
import { resource, servedResources, servedV3Keys } from "./support/resources.js";
import { at, refsOf, walkObjects, type Json } from "./support/walk.js";

const v2 = openApiV2Document(servedResources);
const v3ByKey = new Map(
  servedV3Keys.map((key) => {
    const [, group = "", version = ""] = key.startsWith("api/") ? ["", "", key.slice(4)] : key.split("/");
    return [key, openApiV3Document(servedResources, group, version)] as const;
  }),
);

const operationMethods = ["get", "put", "post", "delete", "patch"];
const documentsUnderTest: [string, unknown][] = [["v2", v2], ...[...v3ByKey].map(([key, document]): [string, unknown] => [`v3 ${key}`, document])];

describe("definitionName", () => {
  test.each([
    ["k8s.io.api.apps.v1.Deployment", "io.k8s.api.apps.v1.Deployment"],
    ["k8s.io.api.core.v1.Pod", "io.k8s.api.core.v1.Pod"],
    ["k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"],
    ["k8s.io.apimachinery.pkg.api.resource.Quantity", "io.k8s.apimachinery.pkg.api.resource.Quantity"],
    ["k8s.io.apimachinery.pkg.util.intstr.IntOrString", "io.k8s.apimachinery.pkg.util.intstr.IntOrString"],
    [
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
    ],
    ["example.com.v1.Widget", "example.com.v1.Widget"],
  ])("%s is %s", (message, expected) => {
    expect(definitionName(message)).toBe(expected);
  });
});

describe("openApiV3Keys", () => {
  it("lists each served group version once", () => {
    expect(openApiV3Keys(servedResources)).toEqual(servedV3Keys);
  });

  it("returns no document for an unserved group version", () => {
    expect(openApiV3Document(servedResources, "apps", "v1beta1")).toBeUndefined();
    expect(openApiV3Document(servedResources, "", "v2")).toBeUndefined();
  });
});

describe("references", () => {
  it("resolve in the v2 document", () => {
    const definitions = at(v2, "definitions");
    const refs = refsOf(v2);
    expect(refs.length).toBeGreaterThan(100);
    const dangling = refs.filter(({ ref }) => !(ref.startsWith("#/definitions/") && ref.slice("#/definitions/".length) in definitions));
    expect(dangling).toEqual([]);
  });

  test.each(servedV3Keys)("resolve in the v3 document of %s", (key) => {
    const document = v3ByKey.get(key);
    const schemas = at(document, "components", "schemas");
    const dangling = refsOf(document).filter(
      ({ ref }) => !(ref.startsWith("#/components/schemas/") && ref.slice("#/components/schemas/".length) in schemas),
    );
    expect(dangling).toEqual([]);
  });

  it("leave no definition unreferenced except operation types", () => {
    const definitions = Object.keys(at(v2, "definitions"));
    const referenced = new Set(refsOf(v2).map(({ ref }) => ref.slice("#/definitions/".length)));
    expect(definitions.filter((name) => !referenced.has(name))).toEqual(["io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent"]);
  });
});

describe("served kinds", () => {
  const kinds = servedResources.flatMap((info) => [
    { ...info, name: info.kind },
    { ...info, name: info.listKind },
  ]);

  test.each(kinds.map((kind) => [`${kind.group || "core"}/${kind.version} ${kind.name}`, kind] as const))(
    "%s has a definition with its GVK",
    (_, kind) => {
      const group = kind.group === "" ? "core" : kind.group.replace(/\.k8s\.io$/, "");
      const name = `io.k8s.api.${group}.${kind.version}.${kind.name}`;
      const gvk = { group: kind.group, kind: kind.name, version: kind.version };
      const key = kind.group === "" ? `api/${kind.version}` : `apis/${kind.group}/${kind.version}`;
      for (const definitions of [at(v2, "definitions"), at(v3ByKey.get(key), "components", "schemas")]) {
        const definition = at(definitions, name);
        expect(definition["x-kubernetes-group-version-kind"]).toContainEqual(gvk);
        expect(at(definition, "properties", "apiVersion")).toEqual({ type: "string" });
        expect(at(definition, "properties", "kind")).toEqual({ type: "string" });
      }
    },
  );

  it("v3 document holds only its own group version's kinds", () => {
    const schemas = Object.keys(at(v3ByKey.get("apis/apps/v1"), "components", "schemas"));
    expect(schemas).toContain("io.k8s.api.apps.v1.Deployment");
    expect(schemas).toContain("io.k8s.api.core.v1.PodSpec");
    expect(schemas).not.toContain("io.k8s.api.batch.v1.Job");
    expect(schemas).not.toContain("io.k8s.api.core.v1.ConfigMap");
  });

  it("kind without a schema keeps unknown fields", () => {
    const widget = resource("example.com", "v1", "Widget", "widgets", true);
    const document = openApiV3Document([widget], "example.com", "v1");
    const definition = at(document, "components", "schemas", "com.example.v1.Widget");
    expect(definition["x-kubernetes-preserve-unknown-fields"]).toBe(true);
    expect(definition["x-kubernetes-group-version-kind"]).toEqual([{ group: "example.com", kind: "Widget", version: "v1" }]);
  });
});

describe("definitions", () => {
  const v2Definitions = at(v2, "definitions");
  const v3Definitions = at(v3ByKey.get("apis/apps/v1"), "components", "schemas");

  test.each([
    ["io.k8s.apimachinery.pkg.apis.meta.v1.Time", { type: "string", format: "date-time" }, { type: "string", format: "date-time" }],
    // Events use MicroTime, so only the core document and v2 hold it.
    ["io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime", { type: "string", format: "date-time" }, undefined],
    ["io.k8s.apimachinery.pkg.api.resource.Quantity", { type: "string" }, { oneOf: [{ type: "string" }, { type: "number" }] }],
    [
      "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
      { type: "string", format: "int-or-string" },
      { format: "int-or-string", oneOf: [{ type: "integer" }, { type: "string" }] },
    ],
    ["io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", { type: "object" }, { type: "object" }],
    ["io.k8s.apimachinery.pkg.apis.meta.v1.Patch", { type: "object" }, { type: "object" }],
  ])("%s has its upstream shape", (name, expectedV2, expectedV3) => {
    expect(v2Definitions[name]).toEqual(expectedV2);
    expect(v3Definitions[name]).toEqual(expectedV3);
  });

  it("RawExtension is an object", () => {
    const definitions = at(openApiV2Document([resource("apps", "v1", "ControllerRevision", "controllerrevisions", true)]), "definitions");
    expect(definitions["io.k8s.apimachinery.pkg.runtime.RawExtension"]).toEqual({ type: "object" });
  });

  test.each([
    ["io.k8s.api.apps.v1.DeploymentSpec", "replicas", { type: "integer", format: "int32" }],
    ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation", { type: "integer", format: "int64" }],
    ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "labels", { type: "object", additionalProperties: { type: "string" } }],
    ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp", { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }],
    ["io.k8s.api.core.v1.Container", "stdin", { type: "boolean" }],
    [
      "io.k8s.api.core.v1.ResourceRequirements",
      "limits",
      { type: "object", additionalProperties: { $ref: "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity" } },
    ],
    [
      "io.k8s.api.core.v1.Container",
      "env",
      {
        type: "array",
        items: { $ref: "#/definitions/io.k8s.api.core.v1.EnvVar" },
        "x-kubernetes-list-map-keys": ["name"],
        "x-kubernetes-list-type": "map",
        "x-kubernetes-patch-merge-key": "name",
        "x-kubernetes-patch-strategy": "merge",
      },
    ],
    [
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
      "finalizers",
      { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge" },
    ],
    ["io.k8s.api.core.v1.SecretList", "items", { type: "array", items: { $ref: "#/definitions/io.k8s.api.core.v1.Secret" } }],
    ["io.k8s.api.core.v1.Secret", "data", { type: "object", additionalProperties: { type: "string", format: "byte" } }],
    ["io.k8s.api.apps.v1.DeploymentSpec", "strategy", { $ref: "#/definitions/io.k8s.api.apps.v1.DeploymentStrategy", "x-kubernetes-patch-strategy": "retainKeys" }],
  ])("v2 %s.%s", (definition, property, expected) => {
    expect(at(v2Definitions, definition, "properties", property)).toEqual(expected);
  });

  it("v3 wraps a reference with extensions in allOf", () => {
    expect(at(v3Definitions, "io.k8s.api.apps.v1.DeploymentSpec", "properties", "strategy")).toEqual({
      allOf: [{ $ref: "#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy" }],
      "x-kubernetes-patch-strategy": "retainKeys",
    });
    expect(at(v3Definitions, "io.k8s.api.apps.v1.DeploymentSpec", "properties", "template")).toEqual({
      $ref: "#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec",
    });
  });

  it("required lists fields not marked optional", () => {
    expect(at(v2Definitions, "io.k8s.api.core.v1.Container")["required"]).toEqual(["name"]);
    expect(at(v2Definitions, "io.k8s.api.apps.v1.DeploymentSpec")["required"]).toEqual(["selector", "template"]);
    expect(at(v2Definitions, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")["required"]).toBeUndefined();
  });

  it("atomic structs carry the map type", () => {
    expect(at(v2Definitions, "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference")["x-kubernetes-map-type"]).toBe("atomic");
  });

  it("inline fields are merged into the parent", () => {
    const volume = at(v2Definitions, "io.k8s.api.core.v1.Volume", "properties");
    expect(Object.keys(volume)).toEqual(expect.arrayContaining(["name", "configMap", "emptyDir", "hostPath", "secret"]));
    expect(volume["volumeSource"]).toBeUndefined();
  });

  it("no schema carries a description", () => {
    const described: string[] = [];
    for (const document of [v2, ...v3ByKey.values()]) {
      walkObjects(at(document, document === v2 ? "definitions" : "components"), (object, path) => {
        if ("description" in object) described.push(path);
      });
    }
    expect(described).toEqual([]);
  });
});

describe("operations", () => {
  const operationsOf = (document: unknown) => {
    const operations: { path: string; method: string; operation: Json }[] = [];
    for (const [path, item] of Object.entries(at(document, "paths"))) {
      for (const method of operationMethods) {
        const operation = (item as Json)[method];
        if (operation) operations.push({ path, method, operation: operation as Json });
      }
    }
    return operations;
  };
  const parameterNames = (operation: Json) => ((operation["parameters"] as Json[] | undefined) ?? []).map((parameter) => parameter["name"]);

  test.each(documentsUnderTest)("%s operations carry a GVK and an action", (_, document) => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, operation } of operations) {
      expect(operation["x-kubernetes-action"], path).toMatch(/^(get|list|post|put|patch|delete|deletecollection)$/);
      expect(operation["x-kubernetes-group-version-kind"], path).toHaveProperty("kind");
    }
  });

  test.each(documentsUnderTest)("%s writes declare the validation parameters", (_, document) => {
    const writes = operationsOf(document).filter(({ method }) => method === "post" || method === "put" || method === "patch");
    expect(writes.length).toBeGreaterThan(0);
    for (const { path, method, operation } of writes) {
      expect(parameterNames(operation), `${method} ${path}`).toEqual(expect.arrayContaining(["dryRun", "fieldManager", "fieldValidation"]));
    }
  });

  it("every served kind has a PATCH operation with its GVK", () => {
    const patched = operationsOf(v2)
      .filter(({ method }) => method === "patch")
      .map(({ operation }) => operation["x-kubernetes-group-version-kind"]);
    for (const info of servedResources) expect(patched).toContainEqual({ group: info.group, kind: info.kind, version: info.version });
  });

  it("deployment paths are complete", () => {
    const paths = Object.keys(at(v3ByKey.get("apis/apps/v1"), "paths"));
    expect(paths).toEqual(
      expect.arrayContaining([
        "/apis/apps/v1/deployments",
        "/apis/apps/v1/namespaces/{namespace}/deployments",
        "/apis/apps/v1/namespaces/{namespace}/deployments/{name}",
        "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status",
      ]),
    );
  });

  it("cluster-scoped paths have no namespace", () => {
    const paths = Object.keys(at(v3ByKey.get("api/v1"), "paths")).filter((path) => path.includes("namespaces"));
    expect(paths).toContain("/api/v1/namespaces/{name}");
    expect(paths).toContain("/api/v1/namespaces/{name}/status");
    expect(paths).not.toContain("/api/v1/namespaces/{namespace}/namespaces");
  });

  it("v2 create takes the kind as its body", () => {
    const post = at(v2, "paths", "/apis/apps/v1/namespaces/{namespace}/deployments", "post");
    const body = (post["parameters"] as Json[]).find((parameter) => parameter["in"] === "body");
    expect(body).toEqual({ name: "body", in: "body", required: true, schema: { $ref: "#/definitions/io.k8s.api.apps.v1.Deployment" } });
    expect(post["operationId"]).toBe("createAppsV1NamespacedDeployment");
  });

  it("v3 patch accepts every patch type", () => {
    const patch = at(v3ByKey.get("apis/apps/v1"), "paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch");
    expect(Object.keys(at(patch, "requestBody", "content")).sort()).toEqual([
      "application/apply-patch+yaml",
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/strategic-merge-patch+json",
    ]);
    expect(patch["operationId"]).toBe("patchAppsV1NamespacedDeployment");
  });
});

describe("determinism", () => {
  it("builds the same bytes twice", () => {
    expect(JSON.stringify(openApiV2Document(servedResources))).toBe(JSON.stringify(v2));
    expect(JSON.stringify(openApiV3Document(servedResources, "apps", "v1"))).toBe(JSON.stringify(v3ByKey.get("apis/apps/v1")));
  });
});
