import { isDNS1123Subdomain, isQualifiedName, nameIsDNSLabel, type StatusCause } from "@apimachinery/meta";
import { arrayField, numberField, objectField, stringField, type PlainObject } from "../defaults/object-fields.js";
import { forbidden, invalid, notSupported, required } from "./field-errors.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";

type Obj = PlainObject;

/** Validates a new ServiceAccount: its metadata. */
export function validateServiceAccount(serviceAccount: Obj): StatusCause[] {
  return validateObjectMeta(serviceAccount["metadata"], { namespaced: true });
}

/** Validates an update of a ServiceAccount. */
export function validateServiceAccountUpdate(serviceAccount: Obj, old: Obj): StatusCause[] {
  return validateObjectMetaUpdate(serviceAccount["metadata"], old["metadata"]);
}

/** The finalizer names that need no domain prefix in a namespace's `spec.finalizers`. */
const standardFinalizers = new Set(["kubernetes"]);

function validateNamespaceFinalizers(namespace: Obj): StatusCause[] {
  const path = "spec.finalizers";
  return arrayField(objectField(namespace, "spec"), "finalizers").flatMap((value) => {
    const name = typeof value === "string" ? value : "";
    const causes = isQualifiedName(name).map((message) => invalid(path, name, message));
    if (causes.length === 0 && !name.includes("/") && !standardFinalizers.has(name)) {
      causes.push(invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"));
    }
    return causes;
  });
}

/** Validates a new Namespace: a DNS-1123 label name, cluster-scoped metadata, finalizer names. */
export function validateNamespace(namespace: Obj): StatusCause[] {
  return [...validateObjectMeta(namespace["metadata"], { namespaced: false, nameFn: nameIsDNSLabel }), ...validateNamespaceFinalizers(namespace)];
}

/** Validates an update of a Namespace. */
export function validateNamespaceUpdate(namespace: Obj, old: Obj): StatusCause[] {
  return [...validateObjectMetaUpdate(namespace["metadata"], old["metadata"]), ...validateNamespaceFinalizers(namespace)];
}

const reportingLimit = 128;
const noteLimit = 1024;

/** Checks the fields that a core/v1 Event with an `eventTime` must carry, as Go's legacy event validation does. */
function validateSeriesEvent(event: Obj, namespace: string, involvedNamespace: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (involvedNamespace === "" && namespace !== "default" && namespace !== "kube-system") {
    causes.push(invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
  }
  const controller = stringField(event, "reportingComponent");
  if (controller === "") causes.push(required("reportingComponent"));
  for (const message of isQualifiedName(controller)) causes.push(invalid("reportingComponent", controller, message));
  for (const [key, limit] of [
    ["reportingInstance", reportingLimit],
    ["action", reportingLimit],
    ["reason", reportingLimit],
  ] as const) {
    const value = stringField(event, key);
    if (value === "") causes.push(required(key));
    if (value.length > limit) causes.push(invalid(key, "", `can have at most ${limit} characters`));
  }
  if (stringField(event, "message").length > noteLimit) causes.push(invalid("message", "", `can have at most ${noteLimit} characters`));
  return causes;
}

/**
 * Validates a core/v1 Event as Go's legacy event validation does: the namespace of the
 * involved object must match the event's, and events with an `eventTime` must carry the
 * reporting fields. Like Go, it checks no other metadata than the namespace.
 */
export function validateEvent(event: Obj): StatusCause[] {
  const namespace = stringField(objectField(event, "metadata"), "namespace");
  const involvedNamespace = stringField(objectField(event, "involvedObject"), "namespace");
  const causes: StatusCause[] = [];
  const eventTime = event["eventTime"];
  if (eventTime === undefined || eventTime === null || eventTime === "") {
    const matches = involvedNamespace === "" ? namespace === "" || namespace === "default" : namespace === involvedNamespace;
    if (!matches) causes.push(invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
  } else {
    causes.push(...validateSeriesEvent(event, namespace, involvedNamespace));
  }
  for (const message of isDNS1123Subdomain(namespace)) causes.push(invalid("metadata.namespace", namespace, message));
  return causes;
}

const leaseStrategies = ["OldestEmulationVersion"];

/** Validates a new coordination.k8s.io/v1 Lease: its metadata, durations and strategy. */
export function validateLease(lease: Obj): StatusCause[] {
  return [...validateObjectMeta(lease["metadata"], { namespaced: true }), ...validateLeaseSpec(objectField(lease, "spec") ?? {})];
}

/** Validates an update of a Lease. */
export function validateLeaseUpdate(lease: Obj, old: Obj): StatusCause[] {
  return [...validateObjectMetaUpdate(lease["metadata"], old["metadata"]), ...validateLeaseSpec(objectField(lease, "spec") ?? {})];
}

function validateLeaseSpec(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const duration = numberField(spec, "leaseDurationSeconds");
  if (duration !== undefined && duration <= 0) causes.push(invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
  const transitions = numberField(spec, "leaseTransitions");
  if (transitions !== undefined && transitions < 0) causes.push(invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0"));
  const strategy = stringField(spec, "strategy");
  if (strategy !== "" && !leaseStrategies.includes(strategy)) causes.push(notSupported("spec.strategy", strategy, leaseStrategies));
  if (stringField(spec, "preferredHolder") !== "" && strategy === "") {
    causes.push(forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"));
  }
  return causes;
}
