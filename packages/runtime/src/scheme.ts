import { StatusError, type GroupVersion, type GroupVersionKind } from "@apimachinery/meta";
import { joinAPIVersion, kindOfObject } from "./api-version.js";
import type { RuntimeObject } from "./codec.js";
import { SchemaRegistry, type KindSchema, type KindSchemaLookup } from "./schema.js";
import { compareKubeAwareVersions } from "./version-priority.js";

/** A plain object as the Scheme creates and defaults it. */
export type PlainObject = Record<string, unknown>;

/** A kind to register in a group version: its name, and optionally its schema message and factory. */
export interface KindRegistration {
  readonly kind: string;
  /** The fully qualified protobuf message of the kind (`k8s.io.api.core.v1.Pod`), when it has a schema. */
  readonly message?: string;
  /**
   * Creates a new empty object of the kind. `apiVersion` and `kind` are set on the result
   * afterwards. Default: `{}`, or `{ metadata: {}, items: [] }` for a kind ending in `List`.
   */
  readonly newObject?: () => PlainObject;
}

/** Fills in defaults of one kind in place. */
export type DefaultingFunc = (object: PlainObject) => void;

/**
 * Converts a field selector label and value of one kind to the internal form, or returns
 * undefined when the kind does not support the label.
 */
export type FieldLabelConversionFunc = (label: string, value: string) => readonly [label: string, value: string] | undefined;

interface KnownType {
  readonly gvk: GroupVersionKind;
  readonly schema?: KindSchema;
  readonly newObject: () => PlainObject;
  readonly unversioned: boolean;
}

function kindKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** Reports whether a kind name is a list kind by Kubernetes convention (`PodList`). */
export function isListKind(kind: string): boolean {
  return kind.length > "List".length && kind.endsWith("List");
}

function defaultFactory(kind: string): () => PlainObject {
  return isListKind(kind) ? () => ({ metadata: {}, items: [] }) : () => ({});
}

/**
 * The registry of kinds: which group-version-kinds exist, their schemas, how to create,
 * default and select them, and the preferred order of each group's versions. Objects stay
 * plain data; the Scheme only reads their `apiVersion` and `kind`.
 */
export class Scheme implements KindSchemaLookup {
  /** The message schemas of every registered kind, for the serializers. */
  readonly schemas = new SchemaRegistry();
  /** A name for error messages, as Go's schemes have (`k8s.io/client-go/kubernetes/scheme`). */
  readonly name: string;
  readonly #types = new Map<string, KnownType>();
  /** Unversioned kinds by `group/kind`, recognized in every version of their group. */
  readonly #unversioned = new Map<string, KnownType>();
  readonly #defaulters = new Map<string, DefaultingFunc[]>();
  readonly #fieldLabelConversions = new Map<string, FieldLabelConversionFunc>();
  readonly #versionPriority = new Map<string, string[]>();
  readonly #observedVersions: GroupVersion[] = [];

  constructor(name = "scheme") {
    this.name = name;
  }

  /** Registers kinds in a group version; a later registration of the same kind replaces the earlier one. */
  addKnownTypes(gv: GroupVersion, kinds: Iterable<string | KindRegistration>): this {
    return this.#add(gv, kinds, false);
  }

  /** Registers each kind of a schema table, such as the generated built-in kinds, under its own group version. */
  addKindSchemas(kinds: Iterable<KindSchema>): this {
    for (const kind of kinds) this.#add(kind, [{ kind: kind.kind, message: kind.message }], false);
    return this;
  }

  /**
   * Registers kinds that are the same in every version of the group, such as `Status` and
   * `WatchEvent` in meta/v1, so that they are recognized in any version of `gv.group`.
   */
  addUnversionedTypes(gv: GroupVersion, kinds: Iterable<string | KindRegistration>): this {
    return this.#add(gv, kinds, true);
  }

  #add(gv: GroupVersion, kinds: Iterable<string | KindRegistration>, unversioned: boolean): this {
    this.#observeVersion(gv);
    for (const entry of kinds) {
      const registration: KindRegistration = typeof entry === "string" ? { kind: entry } : entry;
      const gvk = { group: gv.group, version: gv.version, kind: registration.kind };
      const schema = registration.message === undefined ? undefined : { ...gvk, message: registration.message };
      const newObject = registration.newObject ?? defaultFactory(registration.kind);
      const known: KnownType = { gvk, newObject, unversioned, ...(schema ? { schema } : {}) };
      this.#types.set(kindKey(gvk), known);
      if (unversioned) this.#unversioned.set(`${gvk.group}/${gvk.kind}`, known);
    }
    return this;
  }

  #observeVersion(gv: GroupVersion): void {
    if (!this.#observedVersions.some((seen) => seen.group === gv.group && seen.version === gv.version)) {
      this.#observedVersions.push({ group: gv.group, version: gv.version });
    }
  }

  #lookup(gvk: GroupVersionKind): KnownType | undefined {
    return this.#types.get(kindKey(gvk)) ?? this.#unversioned.get(`${gvk.group}/${gvk.kind}`);
  }

  #notRegistered(gvk: GroupVersionKind): StatusError {
    return StatusError.badRequest(`no kind "${gvk.kind}" is registered for version "${joinAPIVersion(gvk)}" in scheme "${this.name}"`);
  }

  /** Reports whether the kind is registered. */
  recognizes(gvk: GroupVersionKind): boolean {
    return this.#lookup(gvk) !== undefined;
  }

  /** Reports whether the kind was registered with {@link addUnversionedTypes}. */
  isUnversioned(gvk: GroupVersionKind): boolean {
    return this.#lookup(gvk)?.unversioned ?? false;
  }

  /**
   * Returns the group-version-kinds of an object, read from its `apiVersion` and `kind`.
   * Fails with a BadRequest StatusError when the kind is missing or not registered.
   */
  objectKinds(object: RuntimeObject): GroupVersionKind[] {
    const gvk = kindOfObject(object);
    if (gvk.kind === "") throw StatusError.badRequest(`Object 'Kind' is missing in object of apiVersion "${joinAPIVersion(gvk)}"`);
    if (!this.recognizes(gvk)) throw this.#notRegistered(gvk);
    return [gvk];
  }

  /** Creates a new empty object of a kind with `apiVersion` and `kind` set. Fails with a BadRequest StatusError for an unknown kind. */
  new(gvk: GroupVersionKind): PlainObject {
    const known = this.#lookup(gvk);
    if (known === undefined) throw this.#notRegistered(gvk);
    const typeMeta = { apiVersion: joinAPIVersion(gvk), kind: gvk.kind };
    // The type meta goes first in key order and wins over whatever the factory set.
    return Object.assign({ ...typeMeta }, known.newObject(), typeMeta);
  }

  /** Returns the schema of a kind, or undefined when it has none or is not registered. */
  kindSchema(gvk: GroupVersionKind): KindSchema | undefined {
    return this.#lookup(gvk)?.schema;
  }

  /** Returns every registered kind of a group version, in registration order. */
  knownKinds(gv: GroupVersion): GroupVersionKind[] {
    return [...this.#types.values()].filter((known) => known.gvk.group === gv.group && known.gvk.version === gv.version).map((known) => known.gvk);
  }

  /** Returns every registered kind. */
  allKnownTypes(): GroupVersionKind[] {
    return [...this.#types.values()].map((known) => known.gvk);
  }

  /**
   * Returns the registered versions of a group and kind, in the group's priority order:
   * the lookup a REST mapper needs to go from `deployments.apps` to a served version.
   */
  kindsForGroupKind(group: string, kind: string): GroupVersionKind[] {
    const versions = this.prioritizedVersionsForGroup(group);
    const kinds: GroupVersionKind[] = [];
    for (const gv of versions) {
      const gvk = { group, version: gv.version, kind };
      if (this.#types.has(kindKey(gvk))) kinds.push(gvk);
    }
    return kinds;
  }

  /** Returns the list kind of a kind (`PodList` for `Pod`) when it is registered. */
  listKindFor(gvk: GroupVersionKind): GroupVersionKind | undefined {
    const list = { ...gvk, kind: `${gvk.kind}List` };
    return this.recognizes(list) ? list : undefined;
  }

  /**
   * Adds a defaulting function of a kind. Functions run in the order they were added, so a
   * later layer (a CRD's structural defaults after the built-in ones) reads earlier results.
   */
  addDefaultingFunc(gvk: GroupVersionKind, defaulter: DefaultingFunc): this {
    const key = kindKey(gvk);
    this.#defaulters.set(key, [...(this.#defaulters.get(key) ?? []), defaulter]);
    return this;
  }

  /** Applies the defaulting functions of the object's kind in place; an object of a kind without any is left alone. */
  default(object: PlainObject): void {
    const defaulters = this.#defaulters.get(kindKey(kindOfObject(object)));
    if (defaulters === undefined) return;
    for (const defaulter of defaulters) defaulter(object);
  }

  /** Sets the field selector conversion of a kind, replacing an earlier one. */
  addFieldLabelConversionFunc(gvk: GroupVersionKind, conversion: FieldLabelConversionFunc): this {
    this.#fieldLabelConversions.set(kindKey(gvk), conversion);
    return this;
  }

  /**
   * Converts a field selector label of a kind. Kinds without a conversion function accept
   * `metadata.name` and `metadata.namespace` only. Fails with a BadRequest StatusError
   * naming the label when it is not supported.
   */
  convertFieldLabel(gvk: GroupVersionKind, label: string, value: string): readonly [label: string, value: string] {
    const conversion = this.#fieldLabelConversions.get(kindKey(gvk));
    if (conversion === undefined) {
      if (label === "metadata.name" || label === "metadata.namespace") return [label, value];
      throw StatusError.badRequest(`"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    }
    const converted = conversion(label, value);
    if (converted === undefined) throw StatusError.badRequest(`field label not supported: ${label}`);
    return converted;
  }

  /**
   * Sets the preferred order of versions within each group named. Versions of a group not
   * listed follow in Kubernetes priority order (`v1`, `v1beta1`, `v1alpha1`).
   */
  setVersionPriority(...versions: GroupVersion[]): this {
    const byGroup = new Map<string, string[]>();
    for (const gv of versions) byGroup.set(gv.group, [...(byGroup.get(gv.group) ?? []), gv.version]);
    for (const [group, ordered] of byGroup) this.#versionPriority.set(group, ordered);
    return this;
  }

  /** Returns the versions of a group, most preferred first. */
  prioritizedVersionsForGroup(group: string): GroupVersion[] {
    const explicit = this.#versionPriority.get(group) ?? [];
    const rest = this.#observedVersions
      .filter((gv) => gv.group === group && !explicit.includes(gv.version))
      .map((gv) => gv.version)
      .sort(compareKubeAwareVersions);
    return [...explicit, ...rest].map((version) => ({ group, version }));
  }

  /** Returns the versions of every group, each group's most preferred first, groups in registration order. */
  prioritizedVersionsAllGroups(): GroupVersion[] {
    const groups = [...new Set(this.#observedVersions.map((gv) => gv.group))];
    return groups.flatMap((group) => this.prioritizedVersionsForGroup(group));
  }

  /** Returns the most preferred version of each group. */
  preferredVersionAllGroups(): GroupVersion[] {
    const groups = [...new Set(this.#observedVersions.map((gv) => gv.group))];
    return groups.flatMap((group) => this.prioritizedVersionsForGroup(group).slice(0, 1));
  }
}
