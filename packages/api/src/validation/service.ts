import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNS1035Label, validateLabels, type StatusCause } from "@apimachinery/meta";
import { arrayField, numberField, objectField, objectItems, stringField, stringMapField, type PlainObject } from "../defaults/object-fields.js";
import { FIELD_IMMUTABLE, childPath, duplicate, forbidden, indexPath, invalid, notSupported, required } from "./field-errors.js";
import { isIPAddress } from "./ip-address.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { SUPPORTED_PORT_PROTOCOLS, isValidPortNum, validatePortNumOrName } from "./ports.js";

type Obj = PlainObject;

const serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const sessionAffinities = ["ClientIP", "None"];
const trafficPolicies = ["Cluster", "Local"];
const ipFamilyPolicies = ["SingleStack", "PreferDualStack", "RequireDualStack"];
const ipFamilies = ["IPv4", "IPv6"];

function isHeadless(spec: Obj): boolean {
  return stringField(spec, "clusterIP") === "None";
}

function validateServicePort(port: Obj, path: string, requireName: boolean, names: Set<string>, type: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = stringField(port, "name");
  if (requireName && name === "") causes.push(required(childPath(path, "name")));
  else if (name !== "") {
    for (const message of isDNS1123Label(name)) causes.push(invalid(childPath(path, "name"), name, message));
    if (names.has(name)) causes.push(duplicate(childPath(path, "name"), name));
    names.add(name);
  }
  const number = numberField(port, "port") ?? 0;
  for (const message of isValidPortNum(number)) causes.push(invalid(childPath(path, "port"), number, message));
  const protocol = stringField(port, "protocol");
  if (protocol === "") causes.push(required(childPath(path, "protocol")));
  else if (!(SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(protocol)) causes.push(notSupported(childPath(path, "protocol"), protocol, SUPPORTED_PORT_PROTOCOLS));
  if (port["targetPort"] !== undefined && port["targetPort"] !== null) causes.push(...validatePortNumOrName(port["targetPort"], childPath(path, "targetPort")));
  const appProtocol = stringField(port, "appProtocol");
  if (appProtocol !== "") for (const message of isQualifiedName(appProtocol)) causes.push(invalid(childPath(path, "appProtocol"), appProtocol, message));
  const nodePort = numberField(port, "nodePort") ?? 0;
  if (nodePort !== 0) {
    if (type === "ClusterIP" || type === "ExternalName") causes.push(forbidden(childPath(path, "nodePort"), `may not be used when \`type\` is '${type}'`));
    else for (const message of isValidPortNum(nodePort)) causes.push(invalid(childPath(path, "nodePort"), nodePort, message));
  }
  return causes;
}

function validatePorts(spec: Obj, type: string): StatusCause[] {
  const ports = objectItems(spec, "ports");
  const causes: StatusCause[] = [];
  if (ports.length === 0 && !isHeadless(spec) && type !== "ExternalName") causes.push(required("spec.ports"));
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((port, index) => {
    const path = indexPath("spec.ports", index);
    causes.push(...validateServicePort(port, path, ports.length > 1, names, type));
    const key = `${String(port["port"])}/${stringField(port, "protocol")}`;
    if (seen.has(key)) causes.push(duplicate(path, { port: port["port"], protocol: stringField(port, "protocol") }));
    seen.add(key);
  });
  return causes;
}

function validateClusterIPs(spec: Obj, type: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const clusterIPs = arrayField(spec, "clusterIPs");
  const clusterIP = stringField(spec, "clusterIP");
  if (clusterIP !== "" && clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
    causes.push(invalid("spec.clusterIPs", clusterIPs, "first value must match `clusterIP`"));
  }
  if (type === "ExternalName") {
    if (clusterIP !== "" || clusterIPs.length > 0) causes.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    return causes;
  }
  clusterIPs.forEach((ip, index) => {
    if (ip === "None" && index === 0) return;
    if (typeof ip !== "string" || !isIPAddress(ip)) causes.push(invalid(indexPath("spec.clusterIPs", index), ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  });
  return causes;
}

function validateEnumValue(spec: Obj, key: string, supported: readonly string[]): StatusCause[] {
  const value = stringField(spec, key);
  return value === "" || supported.includes(value) ? [] : [notSupported(childPath("spec", key), value, supported)];
}

function validateServiceSpec(spec: Obj): StatusCause[] {
  const type = stringField(spec, "type");
  const causes: StatusCause[] = [];
  if (!serviceTypes.includes(type)) causes.push(notSupported("spec.type", type, serviceTypes));
  if (type === "ExternalName") {
    const externalName = stringField(spec, "externalName").replace(/\.$/, "");
    if (externalName === "") causes.push(required("spec.externalName"));
    else for (const message of isDNS1123Subdomain(externalName)) causes.push(invalid("spec.externalName", externalName, message));
  }
  causes.push(...validatePorts(spec, type), ...validateClusterIPs(spec, type));
  causes.push(...validateLabels(stringMapField(spec, "selector"), "spec.selector"));
  const sessionAffinity = stringField(spec, "sessionAffinity");
  if (sessionAffinity === "") causes.push(required("spec.sessionAffinity"));
  else causes.push(...validateEnumValue(spec, "sessionAffinity", sessionAffinities));
  causes.push(...validateEnumValue(spec, "internalTrafficPolicy", trafficPolicies));
  causes.push(...validateEnumValue(spec, "externalTrafficPolicy", trafficPolicies));
  if (stringField(spec, "externalTrafficPolicy") !== "" && (type === "ClusterIP" || type === "ExternalName")) {
    causes.push(invalid("spec.externalTrafficPolicy", stringField(spec, "externalTrafficPolicy"), "may only be set for externally-accessible services"));
  }
  causes.push(...validateEnumValue(spec, "ipFamilyPolicy", ipFamilyPolicies));
  arrayField(spec, "ipFamilies").forEach((family, index) => {
    if (typeof family !== "string" || !ipFamilies.includes(family)) causes.push(notSupported(indexPath("spec.ipFamilies", index), family, ipFamilies));
  });
  return causes;
}

/** Validates a new Service: a DNS-1035 label name, type, ports, cluster IPs, selector and policies. */
export function validateService(service: Obj): StatusCause[] {
  return [...validateObjectMeta(service["metadata"], { namespaced: true, nameFn: nameIsDNS1035Label }), ...validateServiceSpec(objectField(service, "spec") ?? {})];
}

/** Validates an update of a Service: the new object, and a cluster IP that stays once set. */
export function validateServiceUpdate(service: Obj, old: Obj): StatusCause[] {
  const spec = objectField(service, "spec") ?? {};
  const oldSpec = objectField(old, "spec") ?? {};
  const causes = [...validateObjectMetaUpdate(service["metadata"], old["metadata"]), ...validateServiceSpec(spec)];
  const oldClusterIP = stringField(oldSpec, "clusterIP");
  const needsClusterIP = (value: Obj) => stringField(value, "type") !== "ExternalName";
  if (oldClusterIP !== "" && needsClusterIP(oldSpec) && needsClusterIP(spec) && stringField(spec, "clusterIP") !== oldClusterIP) {
    causes.push(invalid("spec.clusterIP", stringField(spec, "clusterIP"), FIELD_IMMUTABLE));
  }
  return causes;
}
