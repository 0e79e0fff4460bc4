import { StatusError, type GroupVersion, type GroupVersionKind, type GroupVersionResource } from "@apimachinery/meta";

/** Whether a resource lives in a namespace or across the cluster. */
export type RESTScope = "namespace" | "root";

/** The resource that serves one kind, with its singular name and scope. */
export interface RESTMapping {
  readonly gvk: GroupVersionKind;
  readonly resource: GroupVersionResource;
  /** The lowercase singular name (`deployment`). */
  readonly singular: string;
  readonly scope: RESTScope;
}

/**
 * Guesses the plural and singular resource names of a kind by the English rules that Go's
 * `UnsafeGuessKindToResource` uses: lowercase, then `-s` to `-ses`, `-y` to `-ies`, else `-s`.
 */
export function guessResourceForKind(kind: string): { plural: string; singular: string } {
  const singular = kind.toLowerCase();
  if (singular === "") return { plural: "", singular };
  if (singular.endsWith("endpoints")) return { plural: singular, singular };
  if (singular.endsWith("s")) return { plural: `${singular}es`, singular };
  if (singular.endsWith("y")) return { plural: `${singular.slice(0, -1)}ies`, singular };
  return { plural: `${singular}s`, singular };
}

function sameGroupVersion(a: GroupVersion, b: GroupVersion): boolean {
  return a.group === b.group && a.version === b.version;
}

/**
 * Maps kinds to resources and back for a fixed set of registrations, with versions tried in
 * the order given when a caller leaves the version open.
 */
export class DefaultRESTMapper {
  readonly #mappings: RESTMapping[] = [];
  readonly #versionOrder: readonly GroupVersion[];

  /** `versionOrder` lists the preferred group versions first, as a Scheme's `prioritizedVersionsAllGroups()` returns them. */
  constructor(versionOrder: readonly GroupVersion[] = []) {
    this.#versionOrder = versionOrder;
  }

  /** Registers a kind; the plural resource name is guessed unless given. */
  add(gvk: GroupVersionKind, scope: RESTScope, plural?: string): this {
    const guessed = guessResourceForKind(gvk.kind);
    const resource = { group: gvk.group, version: gvk.version, resource: plural ?? guessed.plural };
    this.#mappings.push({ gvk, resource, singular: guessed.singular, scope });
    return this;
  }

  #rank(gv: GroupVersion): number {
    const index = this.#versionOrder.findIndex((candidate) => sameGroupVersion(candidate, gv));
    return index === -1 ? this.#versionOrder.length : index;
  }

  #sorted(mappings: RESTMapping[]): RESTMapping[] {
    return mappings.sort((a, b) => this.#rank(a.gvk) - this.#rank(b.gvk));
  }

  /**
   * Returns the mappings of a group and kind, the preferred version first, or only those of
   * `versions` when given. Fails with a NotFound StatusError when there are none.
   */
  restMappings(group: string, kind: string, ...versions: string[]): RESTMapping[] {
    const found = this.#mappings.filter(
      (mapping) => mapping.gvk.group === group && mapping.gvk.kind === kind && (versions.length === 0 || versions.includes(mapping.gvk.version)),
    );
    if (found.length === 0) throw StatusError.notFound({ resource: "kinds", name: group === "" ? kind : `${kind}.${group}` });
    return this.#sorted(found);
  }

  /** Returns the preferred mapping of a group and kind; fails like {@link restMappings}. */
  restMapping(group: string, kind: string, ...versions: string[]): RESTMapping {
    const [first] = this.restMappings(group, kind, ...versions);
    if (first === undefined) throw StatusError.notFound({ resource: "kinds", name: kind });
    return first;
  }

  /**
   * Returns the kind that serves a resource, matched by plural or singular name; an empty
   * group or version in `resource` matches any. Fails with a NotFound StatusError otherwise.
   */
  kindFor(resource: { readonly group?: string; readonly version?: string; readonly resource: string }): GroupVersionKind {
    const name = resource.resource.toLowerCase();
    const found = this.#mappings.filter(
      (mapping) =>
        (mapping.resource.resource === name || mapping.singular === name) &&
        (resource.group === undefined || resource.group === "" || mapping.gvk.group === resource.group) &&
        (resource.version === undefined || resource.version === "" || mapping.gvk.version === resource.version),
    );
    const first = this.#sorted(found)[0];
    if (first === undefined) throw StatusError.notFound({ resource: "resources", name: resource.resource });
    return first.gvk;
  }
}
