import { describe, expect, it, test } from "vitest";
import { defaults, validation } from "@apimachinery/api";
import type { StatusCause } from "@apimachinery/meta";
import { reasonsAndFields, type ExpectedCause } from "./helpers.js";

const meta = { name: "item", namespace: "default" };

function service(spec: Record<string, unknown>, name = "web"): Record<string, unknown> {
  const object: Record<string, unknown> = { metadata: { name, namespace: "default" }, spec };
  defaults.defaultService(object);
  defaults.defaultServiceIPFamilies(object);
  return object;
}

function secret(fields: Record<string, unknown>): Record<string, unknown> {
  const object: Record<string, unknown> = { metadata: { ...meta }, ...fields };
  defaults.defaultSecret(object);
  return object;
}

const base64 = (text: string) => Buffer.from(text).toString("base64");

test.each<[string, (object: Record<string, unknown>) => StatusCause[], Record<string, unknown>, ExpectedCause[]]>([
  ["Service valid", validation.validateService, service({ selector: { app: "web" }, ports: [{ port: 80 }] }), []],
  ["Service without ports", validation.validateService, service({ selector: { app: "web" } }), [["FieldValueRequired", "spec.ports", "Required value"]]],
  ["headless Service without ports", validation.validateService, service({ clusterIP: "None" }), []],
  ["ExternalName Service without ports", validation.validateService, service({ type: "ExternalName", externalName: "example.com" }), []],
  ["ExternalName Service without a name", validation.validateService, service({ type: "ExternalName" }), [["FieldValueRequired", "spec.externalName", "Required value"]]],
  ["Service name with a leading digit", validation.validateService, service({ ports: [{ port: 80 }] }, "1web"), [["FieldValueInvalid", "metadata.name", "a DNS-1035 label must consist of"]]],
  [
    "Service port out of range",
    validation.validateService,
    service({ ports: [{ port: 0 }] }),
    [
      ["FieldValueInvalid", "spec.ports[0].port", "must be between 1 and 65535, inclusive"],
      ["FieldValueInvalid", "spec.ports[0].targetPort", "Invalid value: 0: must be between 1 and 65535, inclusive"],
    ],
  ],
  ["Service protocol", validation.validateService, service({ ports: [{ port: 80, protocol: "ICMP" }] }), [["FieldValueNotSupported", "spec.ports[0].protocol", '"ICMP"']]],
  [
    "Service ports without names",
    validation.validateService,
    service({ ports: [{ port: 80 }, { port: 443 }] }),
    [
      ["FieldValueRequired", "spec.ports[0].name", "Required value"],
      ["FieldValueRequired", "spec.ports[1].name", "Required value"],
    ],
  ],
  [
    "Service duplicate port",
    validation.validateService,
    service({ ports: [{ name: "a", port: 80 }, { name: "b", port: 80 }] }),
    [["FieldValueDuplicate", "spec.ports[1]", '"port":80']],
  ],
  ["Service type", validation.validateService, service({ type: "Internal", ports: [{ port: 80 }] }), [["FieldValueNotSupported", "spec.type", '"Internal"']]],
  ["Service nodePort on ClusterIP", validation.validateService, service({ ports: [{ port: 80, nodePort: 30080 }] }), [["FieldValueForbidden", "spec.ports[0].nodePort", "may not be used when `type` is 'ClusterIP'"]]],
  ["Service IPv6 clusterIP", validation.validateService, service({ clusterIP: "fd00::10", ipFamilies: ["IPv6"], ports: [{ port: 80 }] }), []],
  ["Service clusterIP with leading zero", validation.validateService, service({ clusterIP: "10.0.0.010", ports: [{ port: 80 }] }), [["FieldValueInvalid", "spec.clusterIPs[0]", '"10.0.0.010"']]],
  ["Service bad clusterIP", validation.validateService, service({ clusterIP: "10.0.0", ports: [{ port: 80 }] }), [["FieldValueInvalid", "spec.clusterIPs[0]", '"10.0.0"']]],
  [
    "Service bad targetPort",
    validation.validateService,
    service({ ports: [{ port: 80, targetPort: "HTTP" }] }),
    [
      ["FieldValueInvalid", "spec.ports[0].targetPort", '"HTTP": must contain only alpha-numeric characters'],
      ["FieldValueInvalid", "spec.ports[0].targetPort", '"HTTP": must contain at least one letter (a-z)'],
    ],
  ],
  ["ConfigMap valid", validation.validateConfigMap, { metadata: meta, data: { "app.properties": "a=b" } }, []],
  ["ConfigMap bad key", validation.validateConfigMap, { metadata: meta, data: { "a b": "x" } }, [["FieldValueInvalid", "data[a b]", "a valid config key must consist of alphanumeric characters"]]],
  ["ConfigMap dot-dot key", validation.validateConfigMap, { metadata: meta, data: { "..data": "x" } }, [["FieldValueInvalid", "data[..data]", "must not start with '..'"]]],
  [
    "ConfigMap key in both maps",
    validation.validateConfigMap,
    { metadata: meta, data: { a: "x" }, binaryData: { a: base64("x") } },
    [["FieldValueInvalid", "data[a]", "duplicate of key present in binaryData"]],
  ],
  ["ConfigMap too large", validation.validateConfigMap, { metadata: meta, data: { a: "x".repeat(1024 * 1024 + 1) } }, [["FieldValueTooLong", "", "must have at most 1048576 bytes"]]],
  ["Secret valid", validation.validateSecret, secret({ stringData: { password: "hunter2" } }), []],
  ["Secret bad key", validation.validateSecret, secret({ data: { "a/b": base64("x") } }), [["FieldValueInvalid", "data[a/b]", '"a/b"']]],
  ["Secret TLS without key", validation.validateSecret, secret({ type: "kubernetes.io/tls", data: { "tls.crt": base64("c") } }), [["FieldValueRequired", "data[tls.key]", "Required value"]]],
  [
    "Secret docker config not JSON",
    validation.validateSecret,
    secret({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": base64("{") } }),
    [["FieldValueInvalid", "data[.dockerconfigjson]", "<secret contents redacted>"]],
  ],
  [
    "Secret service account token without account",
    validation.validateSecret,
    secret({ type: "kubernetes.io/service-account-token" }),
    [["FieldValueRequired", "metadata.annotations[kubernetes.io/service-account.name]", "Required value"]],
  ],
  ["Secret too large", validation.validateSecret, secret({ data: { a: base64("x".repeat(1024 * 1024 + 1)) } }), [["FieldValueTooLong", "data", "must have at most 1048576 bytes"]]],
  ["ServiceAccount valid", validation.validateServiceAccount, { metadata: meta }, []],
  ["ServiceAccount bad name", validation.validateServiceAccount, { metadata: { ...meta, name: "Build Bot" } }, [["FieldValueInvalid", "metadata.name", '"Build Bot"']]],
  ["Namespace valid", validation.validateNamespace, { metadata: { name: "team-a" }, spec: { finalizers: ["kubernetes"] } }, []],
  ["Namespace with dots", validation.validateNamespace, { metadata: { name: "team.a" } }, [["FieldValueInvalid", "metadata.name", "must not contain dots"]]],
  ["Namespace bad finalizer", validation.validateNamespace, { metadata: { name: "team-a" }, spec: { finalizers: ["custom"] } }, [["FieldValueInvalid", "spec.finalizers", "name is neither a standard finalizer name nor is it fully qualified"]]],
  ["Event valid", validation.validateEvent, { metadata: meta, involvedObject: { kind: "Pod", name: "p", namespace: "default" }, reason: "Started" }, []],
  [
    "Event in another namespace",
    validation.validateEvent,
    { metadata: meta, involvedObject: { kind: "Pod", name: "p", namespace: "other" } },
    [["FieldValueInvalid", "involvedObject.namespace", 'Invalid value: "other": does not match event.namespace']],
  ],
  [
    "Event with eventTime and no reporter",
    validation.validateEvent,
    { metadata: meta, involvedObject: { kind: "Pod", name: "p", namespace: "default" }, eventTime: "2026-01-01T00:00:00.000000Z", action: "Pull", reason: "Pulled", reportingInstance: "node-1" },
    [
      ["FieldValueRequired", "reportingComponent", "Required value"],
      ["FieldValueInvalid", "reportingComponent", '"": name part must be non-empty'],
      ["FieldValueInvalid", "reportingComponent", '"": name part must consist of alphanumeric characters'],
    ],
  ],
  ["Lease valid", validation.validateLease, { metadata: meta, spec: { holderIdentity: "a", leaseDurationSeconds: 15 } }, []],
  ["Lease zero duration", validation.validateLease, { metadata: meta, spec: { leaseDurationSeconds: 0 } }, [["FieldValueInvalid", "spec.leaseDurationSeconds", "must be greater than 0"]]],
  ["Lease negative transitions", validation.validateLease, { metadata: meta, spec: { leaseTransitions: -1 } }, [["FieldValueInvalid", "spec.leaseTransitions", "must be greater than or equal to 0"]]],
  ["Lease preferred holder", validation.validateLease, { metadata: meta, spec: { preferredHolder: "b" } }, [["FieldValueForbidden", "spec.preferredHolder", "may only be specified if `strategy` is defined"]]],
])("%s", (_name, validate, object, expected) => {
  const causes = validate(object);
  expect(reasonsAndFields(causes)).toEqual(expected.map(([reason, field]) => [reason, field]));
  causes.forEach((cause, index) => expect(cause.message).toContain(expected[index]![2]));
});

describe("updates of core kinds", () => {
  it("keeps an immutable ConfigMap's data", () => {
    const old = { metadata: meta, immutable: true, data: { a: "1" } };
    const causes = validation.validateConfigMapUpdate({ metadata: meta, data: { a: "2" } }, old);
    expect(reasonsAndFields(causes)).toEqual([
      ["FieldValueForbidden", "immutable"],
      ["FieldValueForbidden", "data"],
    ]);
  });

  it("allows changes to a mutable ConfigMap", () => {
    expect(validation.validateConfigMapUpdate({ metadata: meta, data: { a: "2" } }, { metadata: meta, data: { a: "1" } })).toEqual([]);
  });

  it("keeps a Secret's type and immutable data", () => {
    const old = secret({ immutable: true, data: { a: base64("1") } });
    const updated = secret({ type: "kubernetes.io/basic-auth", immutable: true, data: { username: base64("u") } });
    expect(reasonsAndFields(validation.validateSecretUpdate(updated, old))).toEqual([
      ["FieldValueInvalid", "type"],
      ["FieldValueForbidden", "data"],
    ]);
  });

  it("keeps a Service's cluster IP", () => {
    const old = service({ clusterIP: "10.96.0.10", ports: [{ port: 80 }] });
    const updated = service({ clusterIP: "10.96.0.11", ports: [{ port: 80 }] });
    const causes = validation.validateServiceUpdate(updated, old);
    expect(reasonsAndFields(causes)).toEqual([["FieldValueInvalid", "spec.clusterIP"]]);
    expect(causes[0]!.message).toContain("field is immutable");
  });
});

describe("kindValidation", () => {
  test.each([
    ["", "Pod"],
    ["", "Service"],
    ["", "ConfigMap"],
    ["", "Secret"],
    ["", "ServiceAccount"],
    ["", "Event"],
    ["", "Namespace"],
    ["coordination.k8s.io", "Lease"],
    ["apps", "Deployment"],
    ["apps", "ReplicaSet"],
    ["batch", "Job"],
    ["batch", "CronJob"],
  ])("covers %s %s", (group, kind) => {
    expect(validation.kindValidation(group, kind)).toBeDefined();
  });

  it("has nothing for other kinds", () => {
    expect(validation.kindValidation("apps", "StatefulSet")).toBeUndefined();
  });
});
