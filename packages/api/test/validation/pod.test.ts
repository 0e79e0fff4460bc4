import { describe, expect, it, test } from "vitest";
import { validation } from "@apimachinery/api";
import { podSpec, reasonsAndFields, type ExpectedCause } from "./helpers.js";

function pod(spec: Record<string, unknown>): Record<string, unknown> {
  return { metadata: { name: "p", namespace: "default" }, spec };
}

function container(overrides: Record<string, unknown>): Record<string, unknown> {
  return { name: "app", image: "app:1", imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File", ...overrides };
}

test.each<[string, Record<string, unknown>, ExpectedCause[]]>([
  ["valid", podSpec(), []],
  ["no containers", podSpec({ containers: [] }), [["FieldValueRequired", "spec.containers", "Required value"]]],
  ["blank image", podSpec({ containers: [container({ image: " app:1" })] }), [["FieldValueInvalid", "spec.containers[0].image", "must not have leading or trailing whitespace"]]],
  [
    "port out of range",
    podSpec({ containers: [container({ ports: [{ containerPort: 70000, protocol: "TCP" }] })] }),
    [["FieldValueInvalid", "spec.containers[0].ports[0].containerPort", "Invalid value: 70000: must be between 1 and 65535, inclusive"]],
  ],
  ["missing port", podSpec({ containers: [container({ ports: [{ protocol: "TCP" }] })] }), [["FieldValueRequired", "spec.containers[0].ports[0].containerPort", "Required value"]]],
  [
    "unsupported protocol",
    podSpec({ containers: [container({ ports: [{ containerPort: 80, protocol: "HTTP" }] })] }),
    [["FieldValueNotSupported", "spec.containers[0].ports[0].protocol", 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
  ],
  [
    "duplicate port name",
    podSpec({ containers: [container({ ports: [{ name: "web", containerPort: 80 }, { name: "web", containerPort: 81 }] })] }),
    [["FieldValueDuplicate", "spec.containers[0].ports[1].name", '"web"']],
  ],
  [
    "bad port name",
    podSpec({ containers: [container({ ports: [{ name: "web--1", containerPort: 80 }] })] }),
    [["FieldValueInvalid", "spec.containers[0].ports[0].name", "must not contain consecutive hyphens"]],
  ],
  [
    "unsupported restart policy",
    podSpec({ restartPolicy: "Sometimes" }),
    [["FieldValueNotSupported", "spec.restartPolicy", 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
  ],
  ["unsupported pull policy", podSpec({ containers: [container({ imagePullPolicy: "Maybe" })] }), [["FieldValueNotSupported", "spec.containers[0].imagePullPolicy", '"Maybe"']]],
  [
    "request above limit",
    podSpec({ containers: [container({ resources: { limits: { cpu: "500m" }, requests: { cpu: "1" } } })] }),
    [["FieldValueInvalid", "spec.containers[0].resources.requests[cpu]", "must be less than or equal to cpu limit of 500m"]],
  ],
  [
    "negative quantity",
    podSpec({ containers: [container({ resources: { requests: { memory: "-1Gi" } } })] }),
    [["FieldValueInvalid", "spec.containers[0].resources.requests[memory]", '"-1Gi": must be greater than or equal to 0']],
  ],
  [
    "unqualified resource name",
    podSpec({ containers: [container({ resources: { limits: { gpu: "1" } } })] }),
    [["FieldValueInvalid", "spec.containers[0].resources.limits[gpu]", "must be a standard resource type or fully qualified"]],
  ],
  [
    "env name with equals",
    podSpec({ containers: [container({ env: [{ name: "A=B", value: "1" }, { value: "2" }] })] }),
    [
      ["FieldValueInvalid", "spec.containers[0].env[0].name", '"A=B"'],
      ["FieldValueRequired", "spec.containers[0].env[1].name", "Required value"],
    ],
  ],
  ["mount of unknown volume", podSpec({ containers: [container({ volumeMounts: [{ name: "data", mountPath: "/data" }] })] }), [["FieldValueNotFound", "spec.containers[0].volumeMounts[0].name", '"data"']]],
  [
    "duplicate volume",
    podSpec({ volumes: [{ name: "v", emptyDir: {} }, { name: "v", emptyDir: {} }] }),
    [["FieldValueDuplicate", "spec.volumes[1].name", '"v"']],
  ],
  [
    "volume with two sources",
    podSpec({ volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/tmp" } }] }),
    [["FieldValueForbidden", "spec.volumes[0].hostPath", "may not specify more than 1 volume type"]],
  ],
  [
    "probe without handler",
    podSpec({ containers: [container({ livenessProbe: { periodSeconds: 10 } })] }),
    [["FieldValueRequired", "spec.containers[0].livenessProbe", "must specify a handler type"]],
  ],
  [
    "liveness success threshold",
    podSpec({ containers: [container({ livenessProbe: { exec: { command: ["true"] }, successThreshold: 2 } })] }),
    [["FieldValueInvalid", "spec.containers[0].livenessProbe.successThreshold", "must be 1"]],
  ],
  [
    "init and regular container share a name",
    podSpec({ initContainers: [container({})] }),
    [["FieldValueDuplicate", "spec.containers[0].name", '"app"']],
  ],
  ["negative grace period", podSpec({ terminationGracePeriodSeconds: -5 }), [["FieldValueInvalid", "spec.terminationGracePeriodSeconds", "-5"]]],
  ["bad node selector", podSpec({ nodeSelector: { "kubernetes.io/os": "linux!" } }), [["FieldValueInvalid", "spec.nodeSelector[kubernetes.io/os]", '"linux!"']]],
  ["bad service account", podSpec({ serviceAccountName: "Builder" }), [["FieldValueInvalid", "spec.serviceAccountName", '"Builder"']]],
])("Pod %s", (_name, spec, expected) => {
  const causes = validation.validatePod(pod(spec));
  expect(reasonsAndFields(causes)).toEqual(expected.map(([reason, field]) => [reason, field]));
  causes.forEach((cause, index) => expect(cause.message).toContain(expected[index]![2]));
});

describe("Pod update", () => {
  it("accepts a new image", () => {
    const old = pod(podSpec());
    const updated = structuredClone(old);
    ((updated["spec"] as Record<string, unknown>)["containers"] as Record<string, unknown>[])[0]!["image"] = "app:2";
    expect(validation.validatePodUpdate(updated, old)).toEqual([]);
  });

  it("ignores zero values from protobuf clients", () => {
    const old = pod(podSpec({ hostNetwork: false, nodeName: "", containers: [container({ stdin: false, workingDir: "" })] }));
    const updated = pod(podSpec({ containers: [container({ image: "app:2" })] }));
    expect(validation.validatePodUpdate(updated, old)).toEqual([]);
  });

  it("rejects a changed restart policy", () => {
    const old = pod(podSpec());
    const updated = pod(podSpec({ restartPolicy: "Never" }));
    const causes = validation.validatePodUpdate(updated, old);
    expect(reasonsAndFields(causes)).toEqual([["FieldValueForbidden", "spec"]]);
    expect(causes[0]!.message).toContain("pod updates may not change fields other than");
  });
});
