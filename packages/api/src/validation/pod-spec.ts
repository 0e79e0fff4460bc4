import { isDNS1123Label, isDNS1123Subdomain, validateLabels, type StatusCause } from "@apimachinery/meta";
import { isPlainObject, numberField, objectItems, stringField, stringMapField, type PlainObject } from "../defaults/object-fields.js";
import { validateContainer, type ContainerContext } from "./container.js";
import { childPath, duplicate, forbidden, indexPath, invalid, notSupported, required, validateNonnegative } from "./field-errors.js";
import { validateAnnotations } from "./object-meta.js";

/** The restart policies of a pod, in Go's order. */
export const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const maxInt32 = 2147483647;

/** Validates the volumes of a pod and returns the causes and the volume names. */
function validateVolumes(volumes: readonly PlainObject[], path: string): { causes: StatusCause[]; names: Set<string> } {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  volumes.forEach((volume, index) => {
    const itemPath = indexPath(path, index);
    const name = stringField(volume, "name");
    if (name === "") causes.push(required(childPath(itemPath, "name")));
    else {
      for (const message of isDNS1123Label(name)) causes.push(invalid(childPath(itemPath, "name"), name, message));
      if (names.has(name)) causes.push(duplicate(childPath(itemPath, "name"), name));
      names.add(name);
    }
    const sources = Object.keys(volume).filter((key) => key !== "name" && volume[key] !== null && volume[key] !== undefined);
    if (sources.length === 0) causes.push(required(itemPath, "must specify a volume type"));
    for (const source of sources.slice(1)) causes.push(forbidden(childPath(itemPath, source), "may not specify more than 1 volume type"));
  });
  return { causes, names };
}

function validateDNSName(value: string, path: string, check: (value: string) => string[]): StatusCause[] {
  return value === "" ? [] : check(value).map((message) => invalid(path, value, message));
}

function validateRestartPolicy(policy: string, path: string): StatusCause[] {
  if (policy === "") return [required(path)];
  return RESTART_POLICIES.includes(policy) ? [] : [notSupported(path, policy, RESTART_POLICIES)];
}

function validateContainers(spec: PlainObject, path: string, volumes: ReadonlySet<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  const initContext: ContainerContext = { volumes, names, init: true };
  objectItems(spec, "initContainers").forEach((container, index) => {
    causes.push(...validateContainer(container, indexPath(childPath(path, "initContainers"), index), initContext));
  });
  const containers = objectItems(spec, "containers");
  if (containers.length === 0) causes.push(required(childPath(path, "containers")));
  const context: ContainerContext = { volumes, names, init: false };
  containers.forEach((container, index) => {
    causes.push(...validateContainer(container, indexPath(childPath(path, "containers"), index), context));
  });
  return causes;
}

/**
 * Validates a PodSpec as Go's `ValidatePodSpec` does for the fields this server checks:
 * volumes, containers and init containers, restart and DNS policies, durations, node
 * selector and the DNS names the spec carries.
 */
export function validatePodSpec(spec: PlainObject, path: string): StatusCause[] {
  const volumes = validateVolumes(objectItems(spec, "volumes"), childPath(path, "volumes"));
  const causes = [...volumes.causes, ...validateContainers(spec, path, volumes.names)];
  causes.push(...validateRestartPolicy(stringField(spec, "restartPolicy"), childPath(path, "restartPolicy")));
  const dnsPolicy = stringField(spec, "dnsPolicy");
  if (dnsPolicy === "") causes.push(required(childPath(path, "dnsPolicy")));
  else if (!dnsPolicies.includes(dnsPolicy)) causes.push(notSupported(childPath(path, "dnsPolicy"), dnsPolicy, dnsPolicies));
  causes.push(...validateNonnegative(numberField(spec, "terminationGracePeriodSeconds"), childPath(path, "terminationGracePeriodSeconds")));
  const activeDeadline = numberField(spec, "activeDeadlineSeconds");
  if (activeDeadline !== undefined && (activeDeadline < 1 || activeDeadline > maxInt32)) {
    causes.push(invalid(childPath(path, "activeDeadlineSeconds"), activeDeadline, `must be between 1 and ${maxInt32}, inclusive`));
  }
  causes.push(...validateLabels(stringMapField(spec, "nodeSelector"), childPath(path, "nodeSelector")));
  causes.push(...validateDNSName(stringField(spec, "serviceAccountName"), childPath(path, "serviceAccountName"), isDNS1123Subdomain));
  causes.push(...validateDNSName(stringField(spec, "hostname"), childPath(path, "hostname"), isDNS1123Label));
  causes.push(...validateDNSName(stringField(spec, "subdomain"), childPath(path, "subdomain"), isDNS1123Label));
  causes.push(...validateDNSName(stringField(spec, "schedulerName"), childPath(path, "schedulerName"), isDNS1123Subdomain));
  causes.push(...validateDNSName(stringField(spec, "priorityClassName"), childPath(path, "priorityClassName"), isDNS1123Subdomain));
  return causes;
}

/**
 * Validates a PodTemplateSpec as Go's `ValidatePodTemplateSpec` does: its labels and
 * annotations (under `<path>.labels`, as Go names them), the pod spec, and no ephemeral
 * containers.
 */
export function validatePodTemplateSpec(template: unknown, path: string): StatusCause[] {
  const value: PlainObject = isPlainObject(template) ? template : {};
  const metadata = isPlainObject(value["metadata"]) ? value["metadata"] : {};
  const spec = isPlainObject(value["spec"]) ? value["spec"] : {};
  const causes = [
    ...validateLabels(stringMapField(metadata, "labels"), childPath(path, "labels")),
    ...validateAnnotations(stringMapField(metadata, "annotations"), childPath(path, "annotations")),
    ...validatePodSpec(spec, childPath(path, "spec")),
  ];
  if (objectItems(spec, "ephemeralContainers").length > 0) {
    causes.push(forbidden(childPath(path, "spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
  }
  return causes;
}
