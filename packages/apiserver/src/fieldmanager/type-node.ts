import type { FieldSchema, FieldType, KindSchemaLookup, MessageSchema, SchemaResolver } from "@apimachinery/runtime";
import type { GroupVersionKind } from "@apimachinery/meta";

/**
 * The shape that server-side apply gives a value, derived from a schema:
 * - `scalar`: a leaf.
 * - `untyped`: any value, owned and replaced as one leaf (RawExtension).
 * - `deduced`: any value without a schema: maps are granular, lists atomic, as Kubernetes
 *   treats objects that have no schema.
 * - `list`: atomic (one leaf), or associative: a set of scalars (`keys` absent) or a map
 *   list whose elements are identified by `keys`.
 * - `map`: a struct (`fields`) or a map (`element`), granular or atomic.
 */
export type TypeNode =
  | { readonly kind: "scalar" }
  | { readonly kind: "untyped" }
  | { readonly kind: "deduced" }
  | ListNode
  | MapNode;

/** A list type. */
export interface ListNode {
  readonly kind: "list";
  readonly atomic: boolean;
  /** The key fields of a map list; absent for a set. */
  readonly keys?: readonly string[];
  /** Defaults of key fields that an element may leave out, such as a container port's `protocol`. */
  readonly keyDefaults?: Readonly<Record<string, unknown>>;
  readonly element: TypeNode;
}

/** A struct or map type. */
export interface MapNode {
  readonly kind: "map";
  readonly atomic: boolean;
  /** The declared fields of a struct; undefined for a map with arbitrary keys. */
  readonly fields: ReadonlyMap<string, FieldNode> | undefined;
  /** The type of values under keys that are not declared fields. */
  readonly element: TypeNode;
  /** Set for a struct of a built-in kind, where a key that is not a declared field is an error in an applied configuration. */
  readonly closed?: boolean;
}

/** A declared field of a struct. */
export interface FieldNode {
  readonly type: TypeNode;
  /**
   * Set when Go's zero value of the parent struct already has this field: a struct held by
   * value, or a field written without `omitempty`. Kubernetes compares typed Go objects, so
   * such a field is never "added" as a whole, and its FieldsV1 entry carries no `"."`.
   */
  readonly zeroPresent: boolean;
}

/** Scalars, leaves of any shape and values without schema. */
export const scalarNode: TypeNode = { kind: "scalar" };
/** A value owned as one leaf whatever its shape. */
export const untypedNode: TypeNode = { kind: "untyped" };
/** A value without schema: maps granular, lists atomic. */
export const deducedNode: TypeNode = { kind: "deduced" };

/**
 * Defaults of map-list key fields, by message and field: Kubernetes builds the key of an
 * element that leaves a key field out from the field's `+default` marker. These are the
 * `+default` markers on list-map keys of the served built-in groups.
 */
const keyFieldDefaults: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "k8s.io.api.core.v1.ContainerPort": { protocol: "TCP" },
  "k8s.io.api.core.v1.ServicePort": { protocol: "TCP" },
};

/**
 * Struct types that Kubernetes' Go types hold by value wherever they appear as a field.
 * NOTE: the schemas do not record pointer versus value fields, so this list of name
 * suffixes approximates Go's zero values. An optional struct field outside it counts as a
 * pointer, and a field without `+optional` as one Go always writes.
 */
const valueStructSuffixes = ["ObjectMeta", "Spec", "Status", "Strategy", "ResourceRequirements"];

/**
 * Builds apply type nodes from the message schemas of a Scheme, caching one node per message.
 */
export class TypeNodes {
  readonly #schemas: SchemaResolver;
  readonly #kinds: KindSchemaLookup | undefined;
  readonly #messages = new Map<string, MapNode>();
  readonly #kindNodes = new Map<string, TypeNode>();

  constructor(kinds: KindSchemaLookup | undefined) {
    this.#kinds = kinds;
    this.#schemas = kinds?.schemas ?? { message: () => undefined };
  }

  /** Returns the node of a top-level kind, with `apiVersion` and `kind` as scalars; deduced when the kind has no schema. */
  forKind(gvk: GroupVersionKind): TypeNode {
    const id = `${gvk.group}/${gvk.version}/${gvk.kind}`;
    let node = this.#kindNodes.get(id);
    if (!node) {
      node = this.#buildKind(gvk);
      this.#kindNodes.set(id, node);
    }
    return node;
  }

  #buildKind(gvk: GroupVersionKind): TypeNode {
    const kind = this.#kinds?.kindSchema(gvk);
    const message = kind ? this.#schemas.message(kind.message) : undefined;
    if (!message || message.special) return deducedNode;
    const fields = new Map(this.#structFields(message));
    fields.set("apiVersion", { type: scalarNode, zeroPresent: false });
    fields.set("kind", { type: scalarNode, zeroPresent: false });
    return { kind: "map", atomic: message.structType === "atomic", fields, element: deducedNode, closed: true };
  }

  #message(name: string): TypeNode {
    const cached = this.#messages.get(name);
    if (cached) return cached;
    const message = this.#schemas.message(name);
    if (!message) return deducedNode;
    if (message.special) return specialNode(message);
    let fields: Map<string, FieldNode> | undefined;
    const self = this;
    const node: MapNode = {
      kind: "map",
      atomic: message.structType === "atomic",
      // Fields resolve lazily because message schemas refer to each other recursively.
      get fields() {
        fields ??= new Map(self.#structFields(message));
        return fields;
      },
      element: deducedNode,
      closed: true,
    };
    this.#messages.set(name, node);
    return node;
  }

  *#structFields(message: MessageSchema): Iterable<[string, FieldNode]> {
    for (const field of message.fields) {
      if (field.inline && field.type.kind === "message") {
        const inner = this.#schemas.message(field.type.message);
        if (inner) yield* this.#structFields(inner);
        continue;
      }
      yield [field.name, { type: this.#fieldNode(field), zeroPresent: zeroPresent(field) }];
    }
  }

  #fieldNode(field: FieldSchema): TypeNode {
    const element = this.#typeNode(field.type, field.mapType === "atomic");
    if (!field.repeated) return element;
    const keyDefaults = field.type.kind === "message" ? keyFieldDefaults[field.type.message] : undefined;
    if (field.listType === "map") return { kind: "list", atomic: false, keys: field.listMapKeys ?? [], ...(keyDefaults ? { keyDefaults } : {}), element };
    if (field.listType === "set") return { kind: "list", atomic: false, element };
    if (field.listType === "atomic") return { kind: "list", atomic: true, element };
    // Without +listType, Kubernetes reads the strategic merge markers: a merge strategy
    // with a merge key makes a map list, one without a key a set.
    const strategy = field.patchStrategy ?? "";
    if (strategy === "merge" || strategy === "merge,retainKeys") {
      if (field.patchMergeKey) return { kind: "list", atomic: false, keys: [field.patchMergeKey], ...(keyDefaults ? { keyDefaults } : {}), element };
      return { kind: "list", atomic: false, element };
    }
    return { kind: "list", atomic: true, element };
  }

  #typeNode(type: FieldType, atomic: boolean): TypeNode {
    switch (type.kind) {
      case "scalar":
        return scalarNode;
      case "map":
        return { kind: "map", atomic, fields: undefined, element: this.#typeNode(type.value, false) };
      case "message": {
        const node = this.#message(type.message);
        if (atomic && node.kind === "map" && !node.atomic) return { ...node, atomic: true };
        return node;
      }
    }
  }
}

function specialNode(message: MessageSchema): TypeNode {
  switch (message.special) {
    case "RawExtension":
    case "FieldsV1":
      return untypedNode;
    case "JSON":
    case "JSONSchemaPropsOrArray":
    case "JSONSchemaPropsOrBool":
    case "JSONSchemaPropsOrStringArray":
      return deducedNode;
    case "StringList":
      return { kind: "list", atomic: true, element: scalarNode };
    default:
      return scalarNode;
  }
}

function zeroPresent(field: FieldSchema): boolean {
  if (!field.optional) return true;
  if (field.repeated || field.type.kind !== "message") return false;
  const name = field.type.message;
  return valueStructSuffixes.some((suffix) => name.endsWith(suffix));
}
