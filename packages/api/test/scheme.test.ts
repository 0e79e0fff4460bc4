import { describe, expect, it, test } from "vitest";
import type { FieldType } from "@apimachinery/runtime";
import { Scheme } from "@apimachinery/runtime";
import { addToScheme, allKindSchemas, groupVersionInstallers } from "@apimachinery/api";

function referencedMessages(type: FieldType): string[] {
  if (type.kind === "message") return [type.message];
  if (type.kind === "map") return referencedMessages(type.value);
  return [];
}

/** Returns the messages reachable from the registered kinds of a group version that the scheme has no schema for. */
function unresolved(scheme: Scheme, group: string, version: string): string[] {
  const queue = scheme
    .knownKinds({ group, version })
    .map((gvk) => scheme.kindSchema(gvk)?.message)
    .filter((name): name is string => name !== undefined);
  const seen = new Set<string>();
  const missing: string[] = [];
  while (queue.length > 0) {
    const name = queue.pop() ?? "";
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = scheme.schemas.message(name);
    if (schema === undefined) missing.push(name);
    else for (const field of schema.fields) queue.push(...referencedMessages(field.type));
  }
  return missing;
}

describe("addToScheme", () => {
  it("registers every kind of every group version", () => {
    const scheme = addToScheme(new Scheme("test"));
    const missing = allKindSchemas.filter((kind) => scheme.kindSchema(kind)?.message !== kind.message);
    expect(missing).toEqual([]);
  });

  it("registers WatchEvent and options in each group version", () => {
    const scheme = addToScheme(new Scheme("test"));
    expect(scheme.kindSchema({ group: "apps", version: "v1", kind: "WatchEvent" })?.message).toBe("k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent");
    expect(scheme.kindSchema({ group: "batch", version: "v1", kind: "DeleteOptions" })?.message).toBe("k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions");
  });

  it("registers Status as an unversioned core kind", () => {
    const scheme = addToScheme(new Scheme("test"));
    expect(scheme.isUnversioned({ group: "", version: "v1", kind: "Status" })).toBe(true);
  });

  it("orders versions by Kubernetes priority", () => {
    const scheme = addToScheme(new Scheme("test"));
    expect(scheme.prioritizedVersionsForGroup("apps").map((gv) => gv.version)).toEqual(["v1", "v1beta2", "v1beta1"]);
  });

  test.each(groupVersionInstallers.map((installer) => [`${installer.group}/${installer.version}`, installer] as const))(
    "registers %s with every schema it uses",
    (_, installer) => {
      const scheme = installer.addToScheme(new Scheme("test"));
      expect(scheme.knownKinds(installer).length).toBeGreaterThan(0);
      expect(unresolved(scheme, installer.group, installer.version)).toEqual([]);
    },
  );

  it("covers every group version with kinds", () => {
    const withKinds = new Set(allKindSchemas.map((kind) => `${kind.group}/${kind.version}`));
    expect(new Set(groupVersionInstallers.map((installer) => `${installer.group}/${installer.version}`))).toEqual(withKinds);
  });
});
