import { isAlreadyExists, isNotFound } from "@apimachinery/meta";
import type { ObjectData, Store, Strategy } from "@apimachinery/apiserver";
import type { Logger } from "pino";

/** The finalizer in a namespace's `spec.finalizers` that the namespace controller removes once the namespace is empty. */
export const kubernetesFinalizer = "kubernetes";

/** The namespaces a control plane creates on first start, as kube-apiserver does. */
export const systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

function specOf(object: ObjectData): Record<string, unknown> {
  const spec = object["spec"];
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) return spec as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  object["spec"] = created;
  return created;
}

/** The strategy of namespaces: the `kubernetes` finalizer, the Active and Terminating phases. */
export const namespaceStrategy: Strategy = {
  prepareForCreate(namespace) {
    const spec = specOf(namespace);
    const finalizers = Array.isArray(spec["finalizers"]) ? (spec["finalizers"] as unknown[]) : [];
    if (!finalizers.includes(kubernetesFinalizer)) finalizers.push(kubernetesFinalizer);
    spec["finalizers"] = finalizers;
    namespace["status"] = { phase: "Active" };
  },
  prepareForUpdate(namespace, old) {
    const oldFinalizers = (old["spec"] as Record<string, unknown> | undefined)?.["finalizers"];
    const spec = specOf(namespace);
    if (oldFinalizers === undefined) delete spec["finalizers"];
    else spec["finalizers"] = oldFinalizers;
  },
  hasPendingFinalizers(namespace) {
    const finalizers = (namespace["spec"] as Record<string, unknown> | undefined)?.["finalizers"];
    return Array.isArray(finalizers) && finalizers.length > 0;
  },
  prepareForDelete(namespace) {
    namespace["status"] = { ...((namespace["status"] as Record<string, unknown> | undefined) ?? {}), phase: "Terminating" };
  },
};

/** Creates the system namespaces that are missing. */
export async function ensureSystemNamespaces(namespaces: Store): Promise<void> {
  for (const name of systemNamespaces) {
    try {
      await namespaces.create("", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
}

/** A running namespace controller. */
export interface NamespaceController {
  stop(): Promise<void>;
}

/**
 * Starts the namespace controller: when a namespace is being deleted, it deletes every
 * object in it, then removes the `kubernetes` finalizer so that the namespace goes too.
 * Objects that wait for their own finalizers keep the namespace until they are gone.
 */
export function startNamespaceController(namespaces: Store, contents: readonly Store[], logger?: Logger): NamespaceController {
  const controller = new AbortController();
  const pending = new Map<string, NodeJS.Timeout>();

  async function finalize(name: string): Promise<void> {
    let remaining = 0;
    for (const store of contents) {
      const page = await store.list(name);
      for (const object of page.items) {
        const result = await store.delete(name, object.metadata?.name ?? "").catch((error: unknown) => {
          if (isNotFound(error)) return { deleted: true };
          throw error;
        });
        if (!result.deleted) remaining++;
      }
    }
    if (remaining > 0) {
      schedule(name, 1000);
      return;
    }
    const namespace = await namespaces.get("", name);
    const spec = (namespace["spec"] as Record<string, unknown> | undefined) ?? {};
    const finalizers = (spec["finalizers"] as string[] | undefined) ?? [];
    await namespaces.update("", name, { ...namespace, spec: { ...spec, finalizers: finalizers.filter((finalizer) => finalizer !== kubernetesFinalizer) } }, { subresource: "finalize" });
    logger?.info({ namespace: name }, "namespace finalized");
  }

  function schedule(name: string, delayMs: number): void {
    if (controller.signal.aborted || pending.has(name)) return;
    pending.set(
      name,
      setTimeout(() => {
        pending.delete(name);
        finalize(name).catch((error: unknown) => {
          if (isNotFound(error)) return;
          logger?.error({ err: error, namespace: name }, "namespace finalization failed; retrying");
          schedule(name, 2000);
        });
      }, delayMs),
    );
  }

  const loop = (async () => {
    const initial = await namespaces.list("");
    for (const namespace of initial.items) if (namespace.metadata?.deletionTimestamp) schedule(namespace.metadata.name ?? "", 0);
    for await (const event of namespaces.watch("", { fromRevision: Number(initial.resourceVersion), signal: controller.signal })) {
      if (event.type === "ADDED" || event.type === "MODIFIED") {
        if (event.object.metadata?.deletionTimestamp) schedule(event.object.metadata.name ?? "", 0);
      }
      if (event.type === "ERROR") throw event.error;
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) logger?.error({ err: error }, "namespace controller stopped");
  });

  return {
    async stop() {
      controller.abort();
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await loop;
    },
  };
}
