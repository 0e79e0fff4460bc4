import { describe, expect, test } from "vitest";
import { isBadRequest } from "@apimachinery/meta";
import { Scheme, compareKubeAwareVersions, isListKind, DefaultRESTMapper, guessResourceForKind } from "@apimachinery/runtime";

const apps = { group: "apps", version: "v1" };
const deployment = { ...apps, kind: "Deployment" };

function newScheme(): Scheme {
  return new Scheme("test")
    .addKnownTypes(apps, [{ kind: "Deployment", message: "k8s.io.api.apps.v1.Deployment" }, "DeploymentList"])
    .addKnownTypes({ group: "apps", version: "v1beta1" }, ["Deployment"])
    .addKnownTypes({ group: "", version: "v1" }, [{ kind: "Pod", message: "k8s.io.api.core.v1.Pod", newObject: () => ({ metadata: {}, spec: { containers: [] } }) }])
    .addUnversionedTypes({ group: "meta.k8s.io", version: "v1" }, ["Status"]);
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("Scheme kinds", () => {
  test("recognizes registered kinds", () => {
    const scheme = newScheme();
    expect(scheme.recognizes(deployment)).toBe(true);
    expect(scheme.recognizes({ ...apps, kind: "StatefulSet" })).toBe(false);
    expect(scheme.recognizes({ group: "apps", version: "v2", kind: "Deployment" })).toBe(false);
  });

  test("unversioned kinds match any version", () => {
    const scheme = newScheme();
    expect(scheme.recognizes({ group: "meta.k8s.io", version: "v1beta1", kind: "Status" })).toBe(true);
    expect(scheme.isUnversioned({ group: "meta.k8s.io", version: "v1", kind: "Status" })).toBe(true);
    expect(scheme.isUnversioned(deployment)).toBe(false);
  });

  test("new sets type meta", () => {
    const scheme = newScheme();
    expect(scheme.new(deployment)).toEqual({ apiVersion: "apps/v1", kind: "Deployment" });
    expect(scheme.new({ group: "", version: "v1", kind: "Pod" })).toEqual({ apiVersion: "v1", kind: "Pod", metadata: {}, spec: { containers: [] } });
    expect(scheme.new({ ...apps, kind: "DeploymentList" })).toEqual({ apiVersion: "apps/v1", kind: "DeploymentList", metadata: {}, items: [] });
  });

  test("new returns fresh objects", () => {
    const scheme = newScheme();
    const pod = { group: "", version: "v1", kind: "Pod" };
    expect(scheme.new(pod)).not.toBe(scheme.new(pod));
  });

  test("new of unknown kind fails", () => {
    const error = caught(() => newScheme().new({ ...apps, kind: "Nope" }));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain('no kind "Nope" is registered for version "apps/v1" in scheme "test"');
  });

  test("objectKinds reads type meta", () => {
    expect(newScheme().objectKinds({ apiVersion: "apps/v1", kind: "Deployment" })).toEqual([deployment]);
  });

  test.each([
    [{ apiVersion: "apps/v1" }, "Object 'Kind' is missing"],
    [{ apiVersion: "apps/v9", kind: "Deployment" }, 'no kind "Deployment" is registered for version "apps/v9"'],
  ])("objectKinds rejects %j", (object, message) => {
    const error = caught(() => newScheme().objectKinds(object));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain(message);
  });

  test("kindSchema and schemas", () => {
    const scheme = newScheme();
    expect(scheme.kindSchema(deployment)).toEqual({ ...deployment, message: "k8s.io.api.apps.v1.Deployment" });
    expect(scheme.kindSchema({ ...apps, kind: "DeploymentList" })).toBeUndefined();
    scheme.schemas.add([{ name: "x.Y", fields: [] }]);
    expect(scheme.schemas.message("x.Y")).toEqual({ name: "x.Y", fields: [] });
  });

  test("addKindSchemas registers each kind", () => {
    const scheme = new Scheme().addKindSchemas([
      { group: "batch", version: "v1", kind: "Job", message: "k8s.io.api.batch.v1.Job" },
      { group: "", version: "v1", kind: "Pod", message: "k8s.io.api.core.v1.Pod" },
    ]);
    expect(scheme.kindSchema({ group: "batch", version: "v1", kind: "Job" })?.message).toBe("k8s.io.api.batch.v1.Job");
    expect(scheme.new({ group: "", version: "v1", kind: "Pod" })).toEqual({ apiVersion: "v1", kind: "Pod" });
    expect(scheme.prioritizedVersionsAllGroups()).toEqual([{ group: "batch", version: "v1" }, { group: "", version: "v1" }]);
  });

  test("list kinds", () => {
    const scheme = newScheme();
    expect(scheme.listKindFor(deployment)).toEqual({ ...apps, kind: "DeploymentList" });
    expect(scheme.listKindFor({ group: "", version: "v1", kind: "Pod" })).toBeUndefined();
    expect(isListKind("PodList")).toBe(true);
    expect(isListKind("List")).toBe(false);
    expect(isListKind("Pod")).toBe(false);
  });

  test("knownKinds and kindsForGroupKind", () => {
    const scheme = newScheme();
    expect(scheme.knownKinds(apps).map((gvk) => gvk.kind)).toEqual(["Deployment", "DeploymentList"]);
    expect(scheme.kindsForGroupKind("apps", "Deployment").map((gvk) => gvk.version)).toEqual(["v1", "v1beta1"]);
    expect(scheme.allKnownTypes()).toHaveLength(5);
  });
});

describe("Scheme defaulting", () => {
  test("runs functions in order", () => {
    const scheme = newScheme();
    scheme.addDefaultingFunc(deployment, (object) => {
      object["spec"] ??= { replicas: 1 };
    });
    scheme.addDefaultingFunc(deployment, (object) => {
      (object["spec"] as Record<string, unknown>)["paused"] ??= false;
    });
    const object: Record<string, unknown> = { apiVersion: "apps/v1", kind: "Deployment" };
    scheme.default(object);
    expect(object).toEqual({ apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: 1, paused: false } });
  });

  test("other kinds are untouched", () => {
    const scheme = newScheme();
    scheme.addDefaultingFunc(deployment, (object) => {
      object["touched"] = true;
    });
    const object: Record<string, unknown> = { apiVersion: "apps/v1beta1", kind: "Deployment" };
    scheme.default(object);
    expect(object).toEqual({ apiVersion: "apps/v1beta1", kind: "Deployment" });
  });
});

describe("Scheme field labels", () => {
  test.each([
    ["metadata.name", "a"],
    ["metadata.namespace", "b"],
  ])("default accepts %s", (label, value) => {
    expect(newScheme().convertFieldLabel(deployment, label, value)).toEqual([label, value]);
  });

  test("default rejects other labels", () => {
    const error = caught(() => newScheme().convertFieldLabel(deployment, "spec.nodeName", "n"));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain('"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });

  test("registered conversion", () => {
    const pod = { group: "", version: "v1", kind: "Pod" };
    const scheme = newScheme().addFieldLabelConversionFunc(pod, (label, value) =>
      label === "spec.nodeName" || label === "metadata.name" ? [label, value] : undefined,
    );
    expect(scheme.convertFieldLabel(pod, "spec.nodeName", "n")).toEqual(["spec.nodeName", "n"]);
    const error = caught(() => scheme.convertFieldLabel(pod, "status.phase", "x"));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain("field label not supported: status.phase");
  });
});

describe("version priority", () => {
  test("kube-aware order", () => {
    const versions = ["v1alpha1", "foo10", "v2", "v1beta1", "v10", "v1", "v11alpha2", "v1beta2", "foo1", "v3beta1"];
    expect([...versions].sort(compareKubeAwareVersions)).toEqual(["v10", "v2", "v1", "v3beta1", "v1beta2", "v1beta1", "v11alpha2", "v1alpha1", "foo1", "foo10"]);
  });

  test("observed versions sorted", () => {
    const scheme = newScheme();
    expect(scheme.prioritizedVersionsForGroup("apps")).toEqual([apps, { group: "apps", version: "v1beta1" }]);
    expect(scheme.prioritizedVersionsForGroup("unknown")).toEqual([]);
  });

  test("explicit priority comes first", () => {
    const scheme = newScheme().setVersionPriority({ group: "apps", version: "v1beta1" });
    expect(scheme.prioritizedVersionsForGroup("apps").map((gv) => gv.version)).toEqual(["v1beta1", "v1"]);
    expect(scheme.preferredVersionAllGroups()).toEqual([{ group: "apps", version: "v1beta1" }, { group: "", version: "v1" }, { group: "meta.k8s.io", version: "v1" }]);
    expect(scheme.prioritizedVersionsAllGroups()).toHaveLength(4);
  });
});

describe("REST mapping", () => {
  test.each([
    ["Pod", "pods"],
    ["Endpoints", "endpoints"],
    ["Ingress", "ingresses"],
    ["NetworkPolicy", "networkpolicies"],
    ["Status", "statuses"],
    ["Deployment", "deployments"],
  ])("guesses %s as %s", (kind, plural) => {
    expect(guessResourceForKind(kind).plural).toBe(plural);
  });

  test("maps kinds and resources", () => {
    const scheme = newScheme();
    const mapper = new DefaultRESTMapper(scheme.prioritizedVersionsAllGroups())
      .add({ group: "apps", version: "v1beta1", kind: "Deployment" }, "namespace")
      .add(deployment, "namespace")
      .add({ group: "", version: "v1", kind: "Pod" }, "namespace");
    expect(mapper.restMapping("apps", "Deployment").resource).toEqual({ group: "apps", version: "v1", resource: "deployments" });
    expect(mapper.restMapping("apps", "Deployment", "v1beta1").gvk.version).toBe("v1beta1");
    expect(mapper.kindFor({ resource: "deployments" })).toEqual(deployment);
    expect(mapper.kindFor({ resource: "pod" })).toEqual({ group: "", version: "v1", kind: "Pod" });
    expect(() => mapper.kindFor({ resource: "widgets" })).toThrow(/not found/);
    expect(() => mapper.restMapping("apps", "StatefulSet")).toThrow(/not found/);
  });
});
