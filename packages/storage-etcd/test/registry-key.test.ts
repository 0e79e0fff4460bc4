import { describe, expect, test } from "vitest";
import { isBadRequest } from "@apimachinery/meta";
import { registryKey, resourcePath } from "../src/index.js";

// Expected paths as kube-apiserver writes them (Kubernetes' etcd storage-path integration
// test), below the `/registry` prefix that EtcdStorage adds.
describe("registryKey", () => {
  test.each([
    ["", "configmaps", "ns1", "cm1", "/configmaps/ns1/cm1"],
    ["", "services", "ns1", "service1", "/services/specs/ns1/service1"],
    ["", "endpoints", "ns1", "ep1name", "/services/endpoints/ns1/ep1name"],
    ["", "pods", "ns1", "pod1", "/pods/ns1/pod1"],
    ["", "namespaces", undefined, "namespace1", "/namespaces/namespace1"],
    ["", "nodes", undefined, "node1", "/minions/node1"],
    ["", "persistentvolumes", undefined, "pv1name", "/persistentvolumes/pv1name"],
    ["", "events", "ns1", "event1", "/events/ns1/event1"],
    ["", "replicationcontrollers", "ns1", "rc1", "/controllers/ns1/rc1"],
    ["", "serviceaccounts", "ns1", "sa1name", "/serviceaccounts/ns1/sa1name"],
    ["apps", "deployments", "ns1", "deployment4", "/deployments/ns1/deployment4"],
    ["apps", "controllerrevisions", "ns1", "crs3", "/controllerrevisions/ns1/crs3"],
    ["autoscaling", "horizontalpodautoscalers", "ns1", "hpa2", "/horizontalpodautoscalers/ns1/hpa2"],
    ["batch", "cronjobs", "ns1", "cj", "/cronjobs/ns1/cj"],
    ["certificates.k8s.io", "certificatesigningrequests", undefined, "csr1", "/certificatesigningrequests/csr1"],
    ["coordination.k8s.io", "leases", "ns1", "leasev1", "/leases/ns1/leasev1"],
    ["discovery.k8s.io", "endpointslices", "ns1", "slice", "/endpointslices/ns1/slice"],
    ["events.k8s.io", "events", "ns1", "event2", "/events/ns1/event2"],
    ["extensions", "ingresses", "ns1", "ingress1", "/ingress/ns1/ingress1"],
    ["networking.k8s.io", "ingresses", "ns1", "ingress2", "/ingress/ns1/ingress2"],
    ["networking.k8s.io", "networkpolicies", "ns1", "np2", "/networkpolicies/ns1/np2"],
    ["policy", "podsecuritypolicies", undefined, "psp2", "/podsecuritypolicy/psp2"],
    ["policy", "poddisruptionbudgets", "ns1", "pdb1", "/poddisruptionbudgets/ns1/pdb1"],
    ["rbac.authorization.k8s.io", "clusterroles", undefined, "crole3", "/clusterroles/crole3"],
    ["rbac.authorization.k8s.io", "rolebindings", "ns1", "roleb3", "/rolebindings/ns1/roleb3"],
    ["storage.k8s.io", "storageclasses", undefined, "sc2", "/storageclasses/sc2"],
    ["storage.k8s.io", "volumeattachments", undefined, "va3", "/volumeattachments/va3"],
    ["scheduling.k8s.io", "priorityclasses", undefined, "pc3", "/priorityclasses/pc3"],
    ["flowcontrol.apiserver.k8s.io", "flowschemas", undefined, "fs", "/flowschemas/fs"],
    ["admissionregistration.k8s.io", "validatingwebhookconfigurations", undefined, "hook2", "/validatingwebhookconfigurations/hook2"],
    ["node.k8s.io", "runtimeclasses", undefined, "rc2", "/runtimeclasses/rc2"],
    ["apiregistration.k8s.io", "apiservices", undefined, "as2.foo.com", "/apiregistration.k8s.io/apiservices/as2.foo.com"],
    [
      "apiextensions.k8s.io",
      "customresourcedefinitions",
      undefined,
      "pandas.awesome.bears.com",
      "/apiextensions.k8s.io/customresourcedefinitions/pandas.awesome.bears.com",
    ],
    ["cr.bar.com", "foos", "ns1", "cr1foo", "/cr.bar.com/foos/ns1/cr1foo"],
    ["awesome.bears.com", "pandas", undefined, "cr3panda", "/awesome.bears.com/pandas/cr3panda"],
    ["gateway.networking.k8s.io", "gateways", "ns1", "gw", "/gateway.networking.k8s.io/gateways/ns1/gw"],
  ])("%s %s %s/%s", (group, resource, namespace, name, expected) => {
    expect(registryKey({ group, resource, ...(namespace !== undefined ? { namespace } : {}), name })).toBe(expected);
  });

  test("list prefixes end with a slash", () => {
    expect(registryKey({ group: "", resource: "services", namespace: "default" })).toBe("/services/specs/default/");
    expect(registryKey({ group: "", resource: "services" })).toBe("/services/specs/");
    expect(registryKey({ group: "example.com", resource: "widgets" })).toBe("/example.com/widgets/");
  });

  test("builtIn overrides the group list", () => {
    expect(resourcePath({ group: "example.com", resource: "widgets", builtIn: true })).toBe("/widgets");
    expect(resourcePath({ group: "apps", resource: "deployments", builtIn: false })).toBe("/apps/deployments");
  });

  test.each([
    [{ group: "", resource: "" }],
    [{ group: "", resource: "pods/status" }],
    [{ group: "a/b", resource: "widgets" }],
    [{ group: "", resource: "pods", namespace: "" }],
    [{ group: "", resource: "pods", namespace: "..", name: "x" }],
    [{ group: "", resource: "pods", namespace: "default", name: "a/b" }],
    [{ group: "", resource: "pods", namespace: "default", name: "." }],
  ])("rejects invalid parts %j", (parts) => {
    let caught: unknown;
    try {
      registryKey(parts);
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
  });
});
