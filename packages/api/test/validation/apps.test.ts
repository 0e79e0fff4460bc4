import { describe, expect, it, test } from "vitest";
import { validation } from "@apimachinery/api";
import { deployment, reasonsAndFields, type ExpectedCause } from "./helpers.js";

function templateSpec(object: Record<string, unknown>): Record<string, unknown> {
  return ((object["spec"] as Record<string, unknown>)["template"] as Record<string, Record<string, unknown>>)["spec"]!;
}

type Mutation = (object: Record<string, unknown>) => void;

test.each<[string, Mutation, ExpectedCause[]]>([
  ["valid", () => undefined, []],
  [
    "missing selector",
    (object) => delete (object["spec"] as Record<string, unknown>)["selector"],
    [
      ["FieldValueRequired", "spec.selector", "Required value"],
      ["FieldValueInvalid", "spec.template.metadata.labels", "`selector` does not match template `labels`"],
    ],
  ],
  [
    "selector not matching",
    (object) => ((object["spec"] as Record<string, unknown>)["selector"] = { matchLabels: { app: "other" } }),
    [["FieldValueInvalid", "spec.template.metadata.labels", '{"app":"web"}']],
  ],
  ["empty selector", (object) => ((object["spec"] as Record<string, unknown>)["selector"] = {}), [["FieldValueInvalid", "spec.selector", "empty selector is invalid"]]],
  ["negative replicas", (object) => ((object["spec"] as Record<string, unknown>)["replicas"] = -1), [["FieldValueInvalid", "spec.replicas", "Invalid value: -1: must be greater than or equal to 0"]]],
  ["no containers", (object) => (templateSpec(object)["containers"] = []), [["FieldValueRequired", "spec.template.spec.containers", "Required value"]]],
  [
    "container without image",
    (object) => delete (templateSpec(object)["containers"] as Record<string, unknown>[])[0]!["image"],
    [["FieldValueRequired", "spec.template.spec.containers[0].image", "Required value"]],
  ],
  [
    "bad container name",
    (object) => ((templateSpec(object)["containers"] as Record<string, unknown>[])[0]!["name"] = "Nginx"),
    [["FieldValueInvalid", "spec.template.spec.containers[0].name", '"Nginx": a lowercase RFC 1123 label']],
  ],
  [
    "duplicate container name",
    (object) => (templateSpec(object)["containers"] as Record<string, unknown>[]).push({ ...(templateSpec(object)["containers"] as Record<string, unknown>[])[0]! }),
    [["FieldValueDuplicate", "spec.template.spec.containers[1].name", 'Duplicate value: "nginx"']],
  ],
  [
    "restartPolicy Never",
    (object) => (templateSpec(object)["restartPolicy"] = "Never"),
    [["FieldValueNotSupported", "spec.template.spec.restartPolicy", 'Unsupported value: "Never": supported values: "Always"']],
  ],
  [
    "maxSurge and maxUnavailable both zero",
    (object) => ((object["spec"] as Record<string, unknown>)["strategy"] = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" } }),
    [["FieldValueInvalid", "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"]],
  ],
  [
    "bad percentage",
    (object) => ((object["spec"] as Record<string, unknown>)["strategy"] = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25", maxUnavailable: "120%" } }),
    [
      ["FieldValueInvalid", "spec.strategy.rollingUpdate.maxSurge", "a valid percent string must be a numeric string followed by an ending '%'"],
      ["FieldValueInvalid", "spec.strategy.rollingUpdate.maxUnavailable", "must not be greater than 100%"],
    ],
  ],
  [
    "unknown strategy",
    (object) => ((object["spec"] as Record<string, unknown>)["strategy"] = { type: "BlueGreen" }),
    [["FieldValueNotSupported", "spec.strategy.type", '"BlueGreen"']],
  ],
  [
    "Recreate with rollingUpdate",
    (object) => ((object["spec"] as Record<string, unknown>)["strategy"] = { type: "Recreate", rollingUpdate: {} }),
    [["FieldValueForbidden", "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"]],
  ],
  [
    "progress deadline below minReadySeconds",
    (object) => Object.assign(object["spec"] as Record<string, unknown>, { minReadySeconds: 700 }),
    [["FieldValueInvalid", "spec.progressDeadlineSeconds", "must be greater than minReadySeconds"]],
  ],
  [
    "bad selector expression",
    (object) => ((object["spec"] as Record<string, unknown>)["selector"] = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In" }] }),
    [
      ["FieldValueRequired", "spec.selector.matchExpressions[0].values", "must be specified when `operator` is 'In' or 'NotIn'"],
      ["FieldValueInvalid", "spec.selector", "invalid label selector"],
    ],
  ],
])("Deployment %s", (_name, mutate, expected) => {
  const object = deployment();
  mutate(object);
  const causes = validation.validateDeployment(object);
  expect(reasonsAndFields(causes)).toEqual(expected.map(([reason, field]) => [reason, field]));
  causes.forEach((cause, index) => expect(cause.message).toContain(expected[index]![2]));
});

describe("Deployment update", () => {
  it("rejects a changed selector", () => {
    const old = deployment();
    const updated = deployment({ selector: { matchLabels: { app: "web", tier: "front" } } });
    ((updated["spec"] as Record<string, Record<string, Record<string, unknown>>>)["template"]!["metadata"]!)["labels"] = { app: "web", tier: "front" };
    const causes = validation.validateDeploymentUpdate(updated, old);
    expect(reasonsAndFields(causes)).toEqual([["FieldValueInvalid", "spec.selector"]]);
    expect(causes[0]!.message).toContain("field is immutable");
  });

  it("accepts a new image", () => {
    const old = deployment();
    const updated = deployment({ template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } });
    expect(validation.validateDeploymentUpdate(updated, old)).toEqual([]);
  });
});

describe("ReplicaSet", () => {
  it("requires a selector that matches", () => {
    const replicaSet = { metadata: { name: "rs", namespace: "default" }, spec: { replicas: 1, template: deployment()["spec"] as unknown } };
    (replicaSet.spec as Record<string, unknown>)["template"] = ((deployment()["spec"] as Record<string, unknown>)["template"]);
    const causes = validation.validateReplicaSet(replicaSet);
    expect(reasonsAndFields(causes)).toEqual([
      ["FieldValueRequired", "spec.selector"],
      ["FieldValueInvalid", "spec.template.metadata.labels"],
    ]);
  });

  it("rejects a changed selector on update", () => {
    const spec = deployment()["spec"] as Record<string, unknown>;
    const old = { metadata: { name: "rs", namespace: "default" }, spec: { replicas: 1, selector: spec["selector"], template: spec["template"] } };
    const updated = structuredClone(old);
    updated.spec.selector = { matchExpressions: [{ key: "app", operator: "Exists" }] };
    expect(reasonsAndFields(validation.validateReplicaSetUpdate(updated, old))).toEqual([["FieldValueInvalid", "spec.selector"]]);
  });
});
