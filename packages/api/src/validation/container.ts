import { compareQuantities, isDNS1123Label, isQualifiedName, parseQuantity, quantitySign, type ParsedQuantity, type StatusCause } from "@apimachinery/meta";
import { isPlainObject, numberField, objectField, objectItems, stringField, type PlainObject } from "../defaults/object-fields.js";
import { childPath, duplicate, forbidden, indexPath, invalid, keyPath, notFound, notSupported, required, validateNonnegative, NEGATIVE_ERROR } from "./field-errors.js";
import { SUPPORTED_PORT_PROTOCOLS, isValidPortName, isValidPortNum, validatePortNumOrName } from "./ports.js";

const pullPolicies = ["Always", "IfNotPresent", "Never"];
const terminationMessagePolicies = ["File", "FallbackToLogsOnError"];
const standardResources = new Set(["cpu", "memory", "ephemeral-storage"]);

/** Validates the ports of a container: numbers in range, names unique and valid, protocols supported. */
export function validateContainerPorts(ports: readonly PlainObject[], path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  ports.forEach((port, index) => {
    const itemPath = indexPath(path, index);
    const name = stringField(port, "name");
    if (name !== "") {
      for (const message of isValidPortName(name)) causes.push(invalid(childPath(itemPath, "name"), name, message));
      if (names.has(name)) causes.push(duplicate(childPath(itemPath, "name"), name));
      names.add(name);
    }
    const containerPort = numberField(port, "containerPort") ?? 0;
    if (containerPort === 0) causes.push(required(childPath(itemPath, "containerPort")));
    else for (const message of isValidPortNum(containerPort)) causes.push(invalid(childPath(itemPath, "containerPort"), containerPort, message));
    const hostPort = numberField(port, "hostPort") ?? 0;
    if (hostPort !== 0) for (const message of isValidPortNum(hostPort)) causes.push(invalid(childPath(itemPath, "hostPort"), hostPort, message));
    const protocol = stringField(port, "protocol");
    if (protocol === "") causes.push(required(childPath(itemPath, "protocol")));
    else if (!(SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(protocol)) {
      causes.push(notSupported(childPath(itemPath, "protocol"), protocol, SUPPORTED_PORT_PROTOCOLS));
    }
  });
  return causes;
}

/** Checks an environment variable name with the relaxed rule that Kubernetes 1.34 made the default. */
function isEnvVarName(name: string): string[] {
  for (const character of name) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 32 || code > 126 || character === "=") {
      return ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
    }
  }
  return [];
}

/** Validates environment variables: names required and valid, `value` and `valueFrom` not both set. */
export function validateEnv(env: readonly PlainObject[], path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  env.forEach((variable, index) => {
    const itemPath = indexPath(path, index);
    const name = stringField(variable, "name");
    if (name === "") causes.push(required(childPath(itemPath, "name")));
    else for (const message of isEnvVarName(name)) causes.push(invalid(childPath(itemPath, "name"), name, message));
    if (isPlainObject(variable["valueFrom"]) && stringField(variable, "value") !== "") {
      causes.push(invalid(childPath(itemPath, "valueFrom"), "", "may not be specified when `value` is not empty"));
    }
  });
  return causes;
}

function validateResourceName(name: string, path: string): StatusCause[] {
  const causes = isQualifiedName(name).map((message) => invalid(path, name, message));
  if (causes.length > 0) return causes;
  if (!name.includes("/") && !standardResources.has(name) && !name.startsWith("hugepages-")) {
    return [invalid(path, name, "must be a standard resource type or fully qualified")];
  }
  return [];
}

function quantityEntries(list: PlainObject | undefined): [string, string][] {
  return Object.entries(list ?? {}).flatMap(([name, value]) => (typeof value === "string" || typeof value === "number" ? [[name, String(value)] as [string, string]] : []));
}

/** Parses a quantity, or returns the parse error's message. */
function readQuantity(value: string): ParsedQuantity | string {
  try {
    return parseQuantity(value);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function validateResourceList(list: PlainObject | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, value] of quantityEntries(list)) {
    const itemPath = keyPath(path, name);
    causes.push(...validateResourceName(name, itemPath));
    const quantity = readQuantity(value);
    if (typeof quantity === "string") causes.push(invalid(itemPath, value, quantity));
    else if (quantitySign(quantity) < 0) causes.push(invalid(itemPath, value, NEGATIVE_ERROR));
  }
  return causes;
}

/** Validates resource requirements: names, non-negative quantities, and each request at most its limit. */
export function validateResourceRequirements(resources: PlainObject | undefined, path: string): StatusCause[] {
  const limits = objectField(resources, "limits");
  const requests = objectField(resources, "requests");
  const causes = [...validateResourceList(limits, childPath(path, "limits")), ...validateResourceList(requests, childPath(path, "requests"))];
  const limitValues = new Map(quantityEntries(limits));
  for (const [name, request] of quantityEntries(requests)) {
    const limit = limitValues.get(name);
    const requestQuantity = readQuantity(request);
    const limitQuantity = limit === undefined ? undefined : readQuantity(limit);
    if (typeof requestQuantity === "string" || limitQuantity === undefined || typeof limitQuantity === "string") continue;
    if (compareQuantities(requestQuantity, limitQuantity) > 0) {
      causes.push(invalid(keyPath(childPath(path, "requests"), name), request, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return causes;
}

const probeHandlers = ["exec", "httpGet", "tcpSocket", "grpc"];

/** Validates a probe: exactly one handler, non-negative timings, and `successThreshold` 1 where Go requires it. */
export function validateProbe(probe: unknown, path: string, successThresholdMustBeOne: boolean): StatusCause[] {
  if (!isPlainObject(probe)) return [];
  const causes: StatusCause[] = [];
  const handlers = probeHandlers.filter((handler) => isPlainObject(probe[handler]));
  if (handlers.length === 0) causes.push(required(path, "must specify a handler type"));
  for (const handler of handlers.slice(1)) causes.push(forbidden(childPath(path, handler), "may not specify more than 1 handler type"));
  for (const key of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    causes.push(...validateNonnegative(numberField(probe, key), childPath(path, key)));
  }
  const successThreshold = numberField(probe, "successThreshold");
  if (successThresholdMustBeOne && successThreshold !== undefined && successThreshold !== 1) {
    causes.push(invalid(childPath(path, "successThreshold"), successThreshold, "must be 1"));
  }
  for (const handler of ["httpGet", "tcpSocket"]) {
    const action = objectField(probe, handler);
    if (action !== undefined) causes.push(...validatePortNumOrName(action["port"], childPath(path, handler, "port")));
  }
  return causes;
}

function validateVolumeMounts(mounts: readonly PlainObject[], volumes: ReadonlySet<string>, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const mountPaths = new Set<string>();
  mounts.forEach((mount, index) => {
    const itemPath = indexPath(path, index);
    const name = stringField(mount, "name");
    if (name === "") causes.push(required(childPath(itemPath, "name")));
    else if (!volumes.has(name)) causes.push(notFound(childPath(itemPath, "name"), name));
    const mountPath = stringField(mount, "mountPath");
    if (mountPath === "") causes.push(required(childPath(itemPath, "mountPath")));
    else if (mountPaths.has(mountPath)) causes.push(invalid(childPath(itemPath, "mountPath"), mountPath, "must be unique"));
    mountPaths.add(mountPath);
  });
  return causes;
}

/** The context of one container's validation: the pod's volume names and the container names seen so far. */
export interface ContainerContext {
  readonly volumes: ReadonlySet<string>;
  readonly names: Set<string>;
  /** Init containers run to completion, so they take no liveness, readiness or startup probes unless they are sidecars. */
  readonly init: boolean;
}

function validateEnumField(container: PlainObject, key: string, supported: readonly string[], path: string): StatusCause[] {
  const value = stringField(container, key);
  if (value === "") return [required(childPath(path, key))];
  return supported.includes(value) ? [] : [notSupported(childPath(path, key), value, supported)];
}

/** Validates one container: name, image, ports, env, resources, mounts, policies and probes. */
export function validateContainer(container: PlainObject, path: string, context: ContainerContext): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = stringField(container, "name");
  if (name === "") causes.push(required(childPath(path, "name")));
  else {
    for (const message of isDNS1123Label(name)) causes.push(invalid(childPath(path, "name"), name, message));
    if (context.names.has(name)) causes.push(duplicate(childPath(path, "name"), name));
    context.names.add(name);
  }

  const image = stringField(container, "image");
  if (image === "") causes.push(required(childPath(path, "image")));
  else if (image.trim() !== image) causes.push(invalid(childPath(path, "image"), image, "must not have leading or trailing whitespace"));
  causes.push(...validateEnumField(container, "imagePullPolicy", pullPolicies, path));
  causes.push(...validateEnumField(container, "terminationMessagePolicy", terminationMessagePolicies, path));
  causes.push(...validateContainerPorts(objectItems(container, "ports"), childPath(path, "ports")));
  causes.push(...validateEnv(objectItems(container, "env"), childPath(path, "env")));
  causes.push(...validateResourceRequirements(objectField(container, "resources"), childPath(path, "resources")));
  causes.push(...validateVolumeMounts(objectItems(container, "volumeMounts"), context.volumes, childPath(path, "volumeMounts")));

  const sidecar = stringField(container, "restartPolicy") === "Always";
  if (context.init && !sidecar) {
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
      if (isPlainObject(container[probe])) causes.push(forbidden(childPath(path, probe), "may not be set for init containers without restartPolicy=Always"));
    }
  } else {
    causes.push(...validateProbe(container["livenessProbe"], childPath(path, "livenessProbe"), true));
    causes.push(...validateProbe(container["readinessProbe"], childPath(path, "readinessProbe"), false));
    causes.push(...validateProbe(container["startupProbe"], childPath(path, "startupProbe"), true));
  }

  const restartPolicy = stringField(container, "restartPolicy");
  if (restartPolicy !== "" && !context.init) causes.push(forbidden(childPath(path, "restartPolicy"), "may not be set for non-init containers"));
  else if (restartPolicy !== "" && restartPolicy !== "Always") causes.push(notSupported(childPath(path, "restartPolicy"), restartPolicy, ["Always"]));
  return causes;
}
