import { encodeBase64 } from "./base64.js";
import { arrayField, ensureObject, isPlainObject, isUnset, objectField, objectItems, setDefault, stringField, type PlainObject } from "./object-fields.js";

/** The label that every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** The session affinity timeout that ClientIP affinity defaults to: three hours. */
const defaultClientIPTimeoutSeconds = 10800;

/** Reports whether a Service type is reachable from outside the cluster (NodePort or LoadBalancer). */
function isExternallyAccessible(type: string): boolean {
  return type === "NodePort" || type === "LoadBalancer";
}

/**
 * Fills the defaults of a Service as Go's `SetDefaults_Service` does: session affinity,
 * type ClusterIP, port protocols and target ports, traffic policies and load balancer
 * node ports. Cluster IPs and IP families belong to allocation; see {@link defaultServiceIPFamilies}.
 */
export function defaultService(service: PlainObject): void {
  const spec = ensureObject(service, "spec");
  setDefault(spec, "sessionAffinity", "None");
  if (spec["sessionAffinity"] === "None") delete spec["sessionAffinityConfig"];
  if (spec["sessionAffinity"] === "ClientIP") {
    const clientIP = objectField(objectField(spec, "sessionAffinityConfig"), "clientIP");
    if (clientIP === undefined || isUnset(clientIP, "timeoutSeconds")) {
      spec["sessionAffinityConfig"] = { clientIP: { timeoutSeconds: defaultClientIPTimeoutSeconds } };
    }
  }
  setDefault(spec, "type", "ClusterIP");
  for (const port of objectItems(spec, "ports")) {
    setDefault(port, "protocol", "TCP");
    if (port["targetPort"] === undefined || port["targetPort"] === null || port["targetPort"] === 0 || port["targetPort"] === "") {
      port["targetPort"] = port["port"];
    }
  }
  const type = stringField(spec, "type");
  if (isExternallyAccessible(type)) setDefault(spec, "externalTrafficPolicy", "Cluster");
  if (isUnset(spec, "internalTrafficPolicy") && (type === "ClusterIP" || isExternallyAccessible(type))) spec["internalTrafficPolicy"] = "Cluster";
  if (type === "LoadBalancer" && isUnset(spec, "allocateLoadBalancerNodePorts")) spec["allocateLoadBalancerNodePorts"] = true;
}

/**
 * Fills what kube-apiserver's Service allocation adds besides the addresses: `clusterIP`
 * and `clusterIPs` made consistent with each other, and for every type but ExternalName a
 * single-stack IPv4 family. NOTE: no cluster IP or node port is allocated, so a Service
 * that does not set `clusterIP` keeps none.
 */
export function defaultServiceIPFamilies(service: PlainObject): void {
  const spec = ensureObject(service, "spec");
  const clusterIP = stringField(spec, "clusterIP");
  const clusterIPs = arrayField(spec, "clusterIPs");
  if (clusterIP !== "" && clusterIPs.length === 0) spec["clusterIPs"] = [clusterIP];
  if (clusterIP === "" && typeof clusterIPs[0] === "string") spec["clusterIP"] = clusterIPs[0];
  if (stringField(spec, "type") === "ExternalName") return;
  setDefault(spec, "ipFamilyPolicy", "SingleStack");
  if (arrayField(spec, "ipFamilies").length === 0) spec["ipFamilies"] = ["IPv4"];
}

/**
 * Fills the defaults of a Secret: type Opaque. Like Go's conversion from v1, it also moves
 * `stringData` into `data` (base64-encoded, replacing keys that both have).
 */
export function defaultSecret(secret: PlainObject): void {
  setDefault(secret, "type", "Opaque");
  const stringData = secret["stringData"];
  if (!isPlainObject(stringData)) return;
  const data = ensureObject(secret, "data");
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value === "string") data[key] = encodeBase64(value);
  }
  delete secret["stringData"];
}

/** Fills the defaults of a Namespace: the `kubernetes.io/metadata.name` label (when it has a name) and phase Active. */
export function defaultNamespace(namespace: PlainObject): void {
  const metadata = ensureObject(namespace, "metadata");
  const name = stringField(metadata, "name");
  if (name !== "") ensureObject(metadata, "labels")[NAMESPACE_NAME_LABEL] = name;
  setDefault(ensureObject(namespace, "status"), "phase", "Active");
}
