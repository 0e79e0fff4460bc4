import { defaults, validation } from "@apimachinery/api";
import type { ObjectData, ResourceInfo, Strategy } from "@apimachinery/apiserver";
import type { KindSchemaLookup } from "@apimachinery/runtime";
import { namespaceStrategy } from "./namespaces.js";

type Obj = Record<string, unknown>;

function objectAt(parent: Obj, key: string): Obj {
  const value = parent[key];
  if (defaults.isPlainObject(value)) return value;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

/**
 * Adds the selector and pod labels that tie a Job to its uid, as kube-apiserver does for
 * a Job without `manualSelector: true`. Labels the client set are kept, so a conflicting
 * one fails validation.
 */
function generateJobSelector(job: ObjectData): void {
  const spec = objectAt(job, "spec");
  if (spec["manualSelector"] === true) return;
  const name = job.metadata?.name ?? "";
  const uid = job.metadata?.uid ?? "";
  const labels = objectAt(objectAt(objectAt(spec, "template"), "metadata"), "labels");
  const generated: Record<string, string> = {
    [validation.LEGACY_JOB_LABELS.jobName]: name,
    [validation.JOB_NAME_LABEL]: name,
    [validation.LEGACY_JOB_LABELS.controllerUid]: uid,
    [validation.JOB_CONTROLLER_UID_LABEL]: uid,
  };
  for (const [key, value] of Object.entries(generated)) if (labels[key] === undefined) labels[key] = value;
  const matchLabels = objectAt(objectAt(spec, "selector"), "matchLabels");
  if (matchLabels[validation.JOB_CONTROLLER_UID_LABEL] === undefined) matchLabels[validation.JOB_CONTROLLER_UID_LABEL] = uid;
}

/** Carries the allocated addresses of a Service over an update that leaves them out, as `kubectl apply` does. */
function keepServiceAddresses(service: ObjectData, old: ObjectData): void {
  const spec = objectAt(service, "spec");
  const oldSpec = objectAt(old, "spec");
  if (spec["type"] === "ExternalName" || oldSpec["type"] === "ExternalName") return;
  for (const key of ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"]) {
    if ((spec[key] === undefined || spec[key] === "") && oldSpec[key] !== undefined) spec[key] = oldSpec[key];
  }
}

/** Returns the status that kube-apiserver gives a new object of a kind, replacing what the client sent. */
function initialStatus(kind: string, object: ObjectData): Obj | undefined {
  switch (kind) {
    case "Pod":
      return { phase: "Pending", qosClass: defaults.podQOSClass(object) };
    case "Service":
      return { loadBalancer: {} };
    case "Deployment":
    case "ReplicaSet":
    case "Job":
    case "CronJob":
      return {};
    default:
      return undefined;
  }
}

/** Runs `first`, then `second`, when either is defined. */
function chain<A extends unknown[]>(first: ((...args: A) => void) | undefined, second: ((...args: A) => void) | undefined): ((...args: A) => void) | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return (...args: A) => {
    first(...args);
    second(...args);
  };
}

/**
 * Builds the Strategy of a built-in resource from the per-kind defaults and validation of
 * `@apimachinery/api`: defaults, the initial status, Quantity canonicalization through the
 * kind's schema, and validation on create and update. Namespaces keep the lifecycle of
 * {@link namespaceStrategy} (finalizer, Active and Terminating phases). A kind without
 * defaults or validation gets the hooks it has.
 */
export function builtinStrategy(info: ResourceInfo, schemas: KindSchemaLookup): Strategy {
  const { group, version, kind } = info;
  const defaulter = defaults.kindDefaulter(group, kind);
  const kindValidation = validation.kindValidation(group, kind);
  const message = schemas.kindSchema({ group, version, kind })?.message;
  const canonicalizer = message === undefined ? undefined : new defaults.QuantityCanonicalizer(schemas.schemas);

  // Defaults go first because the initial status and the Job selector read defaulted
  // fields (a Pod's QoS class counts requests copied from limits, and a Job takes its
  // labels from the template before the generated ones are added).
  const prepareForCreate = (object: ObjectData): void => {
    defaulter?.(object);
    if (group === "batch" && kind === "Job") generateJobSelector(object);
    if (group === "" && kind === "Service") defaults.defaultServiceIPFamilies(object);
    const status = initialStatus(kind, object);
    if (status !== undefined) object["status"] = status;
  };
  const base: Strategy = group === "" && kind === "Namespace" ? namespaceStrategy : {};
  const strategy: Strategy = {
    ...base,
    prepareForCreate: chain(base.prepareForCreate?.bind(base), prepareForCreate) ?? prepareForCreate,
  };
  if (group === "" && kind === "Service") strategy.prepareForUpdate = keepServiceAddresses;
  if (defaulter !== undefined) strategy.applyDefaults = defaulter;
  if (canonicalizer !== undefined && message !== undefined) strategy.canonicalize = (object) => canonicalizer.canonicalize(object, message);
  if (kindValidation !== undefined) {
    strategy.validate = kindValidation.validate;
    // kube-apiserver defaults what it reads from storage too, so an object stored before a
    // default existed compares as defaulted. The copy keeps the stored object as it is.
    strategy.validateUpdate = (object, old) => {
      if (defaulter === undefined) return kindValidation.validateUpdate(object, old);
      const defaultedOld = structuredClone(old);
      defaulter(defaultedOld);
      return kindValidation.validateUpdate(object, defaultedOld);
    };
  }
  return strategy;
}
