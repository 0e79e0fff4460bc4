import type { GroupVersionKind } from "@apimachinery/meta";

/** Returns the kind of a golden fixture from its name, `<group>.<version>.<Kind>` with `core` for the core group. */
export function fixtureKind(name: string): GroupVersionKind {
  const parts = name.split(".");
  const kind = parts.pop()!;
  const version = parts.pop()!;
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}
