import { ensureObject, isPlainObject, isUnset, numberField, objectField, objectItems, setDefault, stringField, type PlainObject } from "./object-fields.js";

/** The mode that secret, configMap, downwardAPI and projected volumes default to (0644). */
export const DEFAULT_VOLUME_MODE = 0o644;

/**
 * Returns the tag of an image reference as Go's `ParseImageName` reads it. The tag follows
 * the last `:` of the last path component. It is `latest` when the reference has neither
 * tag nor digest, and empty for a digest without a tag.
 */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash) return name.slice(colon + 1);
  return at >= 0 ? "" : "latest";
}

/** Fills the defaults of an HTTP GET action: path `/`, scheme HTTP. */
function defaultHTTPGet(handler: PlainObject | undefined): void {
  const httpGet = objectField(handler, "httpGet");
  if (httpGet === undefined) return;
  setDefault(httpGet, "path", "/");
  setDefault(httpGet, "scheme", "HTTP");
}

/** Fills the defaults of a probe: timeouts, period and thresholds as Go's `SetDefaults_Probe` sets them. */
export function defaultProbe(probe: PlainObject): void {
  for (const [key, value] of [
    ["timeoutSeconds", 1],
    ["periodSeconds", 10],
    ["successThreshold", 1],
    ["failureThreshold", 3],
  ] as const) {
    if (numberField(probe, key) === undefined || probe[key] === 0) probe[key] = value;
  }
  defaultHTTPGet(probe);
}

function defaultFieldRef(holder: PlainObject | undefined): void {
  const fieldRef = objectField(holder, "fieldRef");
  if (fieldRef !== undefined) setDefault(fieldRef, "apiVersion", "v1");
}

/**
 * Fills the defaults of a container: image pull policy (Always for `:latest` or no tag,
 * IfNotPresent otherwise), termination message path and policy, port protocols, probes,
 * lifecycle handlers and field references. `resources` becomes `{}` when absent, as Go
 * prints the struct.
 */
export function defaultContainer(container: PlainObject): void {
  if (stringField(container, "imagePullPolicy") === "") {
    const image = stringField(container, "image");
    container["imagePullPolicy"] = image !== "" && imageTag(image) === "latest" ? "Always" : "IfNotPresent";
  }
  setDefault(container, "terminationMessagePath", "/dev/termination-log");
  setDefault(container, "terminationMessagePolicy", "File");
  if (!isPlainObject(container["resources"])) container["resources"] = {};
  for (const port of objectItems(container, "ports")) setDefault(port, "protocol", "TCP");
  for (const key of ["livenessProbe", "readinessProbe", "startupProbe"]) {
    const probe = objectField(container, key);
    if (probe !== undefined) defaultProbe(probe);
  }
  const lifecycle = objectField(container, "lifecycle");
  defaultHTTPGet(objectField(lifecycle, "postStart"));
  defaultHTTPGet(objectField(lifecycle, "preStop"));
  for (const variable of objectItems(container, "env")) defaultFieldRef(objectField(variable, "valueFrom"));
}

const volumeSources = ["secret", "configMap", "downwardAPI", "projected"];

/** Fills the defaults of a volume: emptyDir when it names no source, file modes, hostPath type, token expiry. */
export function defaultVolume(volume: PlainObject): void {
  const sources = Object.keys(volume).filter((key) => key !== "name" && !isUnset(volume, key));
  if (sources.length === 0) volume["emptyDir"] = {};
  for (const key of volumeSources) {
    const source = objectField(volume, key);
    if (source !== undefined && isUnset(source, "defaultMode")) source["defaultMode"] = DEFAULT_VOLUME_MODE;
  }
  const hostPath = objectField(volume, "hostPath");
  if (hostPath !== undefined && isUnset(hostPath, "type")) hostPath["type"] = "";
  for (const item of objectItems(objectField(volume, "downwardAPI"), "items")) defaultFieldRef(item);
  for (const projection of objectItems(objectField(volume, "projected"), "sources")) {
    const token = objectField(projection, "serviceAccountToken");
    if (token !== undefined && isUnset(token, "expirationSeconds")) token["expirationSeconds"] = 3600;
    for (const item of objectItems(objectField(projection, "downwardAPI"), "items")) defaultFieldRef(item);
  }
}

/**
 * Fills the defaults of a PodSpec as Go's `SetDefaults_PodSpec` and the defaulters of its
 * parts do: DNS and restart policies, an empty security context, a 30-second grace period,
 * the default scheduler, and the defaults of each container and volume.
 */
export function defaultPodSpec(spec: PlainObject): void {
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "restartPolicy", "Always");
  if (!isPlainObject(spec["securityContext"])) spec["securityContext"] = {};
  if (isUnset(spec, "terminationGracePeriodSeconds")) spec["terminationGracePeriodSeconds"] = 30;
  setDefault(spec, "schedulerName", "default-scheduler");
  for (const key of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const container of objectItems(spec, key)) defaultContainer(container);
  }
  for (const volume of objectItems(spec, "volumes")) defaultVolume(volume);
}

/** Fills the defaults of a PodTemplateSpec's pod spec. */
export function defaultPodTemplate(template: PlainObject | undefined): void {
  if (template === undefined) return;
  defaultPodSpec(ensureObject(template, "spec"));
}

/** Copies each container limit that has no request into the requests, as Go does for Pods only. */
function defaultRequestsFromLimits(container: PlainObject): void {
  const resources = objectField(container, "resources");
  const limits = objectField(resources, "limits");
  if (resources === undefined || limits === undefined) return;
  const requests = ensureObject(resources, "requests");
  for (const [name, value] of Object.entries(limits)) if (requests[name] === undefined) requests[name] = value;
}

/**
 * Fills the defaults of a Pod: its PodSpec, then what Go's `SetDefaults_Pod` adds for Pods
 * only: requests copied from limits, `enableServiceLinks: true`, and host ports equal to
 * container ports under host networking.
 */
export function defaultPod(pod: PlainObject): void {
  const spec = ensureObject(pod, "spec");
  defaultPodSpec(spec);
  for (const key of ["containers", "initContainers"]) for (const container of objectItems(spec, key)) defaultRequestsFromLimits(container);
  if (isUnset(spec, "enableServiceLinks")) spec["enableServiceLinks"] = true;
  if (spec["hostNetwork"] === true) {
    for (const key of ["containers", "initContainers"]) {
      for (const container of objectItems(spec, key)) {
        for (const port of objectItems(container, "ports")) if (!numberField(port, "hostPort")) port["hostPort"] = port["containerPort"];
      }
    }
  }
}
