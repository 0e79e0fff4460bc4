import type { GroupVersionKind } from "@apimachinery/meta";

/**
 * Schemas describe the fields of a kind once, for every consumer: the protobuf codec,
 * defaulting, validation, pruning, strategic merge patch, server-side apply, Table
 * output and OpenAPI. Built-in schemas are generated from the upstream protobuf
 * definitions; custom resources get theirs from a CRD at run time.
 */

/** A scalar type as the protobuf definitions name it. */
export type ScalarType = "string" | "bool" | "int32" | "int64" | "uint32" | "uint64" | "double" | "float" | "bytes";

/**
 * A message whose JSON form is not the plain object of its protobuf fields:
 * - `Time`, `MicroTime`: `{seconds, nanos}` on the wire; an RFC 3339 string in JSON.
 * - `Duration`: int64 nanoseconds on the wire; a Go duration string (`"1h0m0s"`) in JSON.
 * - `IntOrString`: `{type, intVal, strVal}` on the wire; a bare number or string in JSON.
 * - `Quantity`: `{string}` on the wire; its canonical string in JSON.
 * - `RawExtension`, `JSON`, `FieldsV1`: raw bytes on the wire; the inline JSON value.
 * - `StringList`: `{repeated string items}` on the wire (Verbs, ExtraValue); a plain array in JSON.
 * - `JSONSchemaPropsOrArray`, `JSONSchemaPropsOrBool`, `JSONSchemaPropsOrStringArray`:
 *   one-of messages of apiextensions; the bare alternative in JSON.
 */
export type SpecialShape =
  | "Time"
  | "MicroTime"
  | "Duration"
  | "IntOrString"
  | "Quantity"
  | "RawExtension"
  | "JSON"
  | "FieldsV1"
  | "StringList"
  | "JSONSchemaPropsOrArray"
  | "JSONSchemaPropsOrBool"
  | "JSONSchemaPropsOrStringArray";

/** The type of a field's value (of each element, for a repeated field). */
export type FieldType =
  | { readonly kind: "scalar"; readonly scalar: ScalarType }
  /** A message, by its fully qualified protobuf name (`k8s.io.api.core.v1.PodSpec`). */
  | { readonly kind: "message"; readonly message: string }
  /** A protobuf map; Kubernetes uses string keys only. */
  | { readonly kind: "map"; readonly key: ScalarType; readonly value: FieldType };

/** How server-side apply and strategic merge treat a list (`+listType`). */
export type ListType = "atomic" | "set" | "map";

/** How server-side apply treats a map or struct (`+mapType`, `+structType`). */
export type ElementRelationship = "atomic" | "granular" | "separable";

/** One field of a message. */
export interface FieldSchema {
  /** The JSON name (`$ref`, `x-kubernetes-preserve-unknown-fields`, `podIPs`). */
  readonly name: string;
  /** The protobuf field name, where it differs from the JSON name (`ref`, `xKubernetesPreserveUnknownFields`). */
  readonly protoName?: string;
  /** The protobuf field number. */
  readonly number: number;
  readonly type: FieldType;
  /** A protobuf `repeated` field: a JSON array. */
  readonly repeated?: boolean;
  /**
   * A Go embedded struct (`json:",inline"`): on the wire a nested message under this field
   * number, in JSON its fields sit directly in the parent object.
   */
  readonly inline?: boolean;
  /** Marked `+optional` upstream. */
  readonly optional?: boolean;
  /** Marked `+required` or `+k8s:required` upstream: validation and OpenAPI treat it as required. */
  readonly required?: boolean;
  /** `+listType`: absent means unspecified (atomic for server-side apply). */
  readonly listType?: ListType;
  /** `+listMapKey`: the keys that identify an element of a `map` list. */
  readonly listMapKeys?: readonly string[];
  /** `+mapType` on a map field. */
  readonly mapType?: ElementRelationship;
  /** `+patchStrategy`: `merge`, `retainKeys`, `merge,retainKeys` or `replace`. */
  readonly patchStrategy?: string;
  /** `+patchMergeKey`: the key that identifies an element in a strategic merge of a list. */
  readonly patchMergeKey?: string;
  /**
   * A scalar field that Go stores by value (not through a pointer) and tags `omitempty`, such
   * as most of JSONSchemaProps: Go's protobuf code writes it even when it is zero, and Go's
   * JSON leaves the zero out. The protobuf codec drops a zero it reads and writes the zero
   * for a missing value, so that both forms match Go's.
   */
  readonly omitEmpty?: boolean;
}

/** A protobuf message: a struct of fields, or a value with a special JSON shape. */
export interface MessageSchema {
  /** The fully qualified protobuf name, without a leading dot (`k8s.io.api.core.v1.Pod`). */
  readonly name: string;
  /** Fields in protobuf field-number order. */
  readonly fields: readonly FieldSchema[];
  /** Set when the JSON form differs from the plain object of the fields. */
  readonly special?: SpecialShape;
  /** `+structType`: `atomic` makes server-side apply own the struct as one value. */
  readonly structType?: ElementRelationship;
}

/** The schema of a top-level kind in one group version. */
export interface KindSchema {
  /** The API group; empty for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The message that encodes the kind (`k8s.io.api.apps.v1.Deployment`). */
  readonly message: string;
}

/** A lookup of message schemas by their fully qualified protobuf name. */
export interface SchemaResolver {
  /** Returns the schema of a message, or undefined when the resolver has none. */
  message(name: string): MessageSchema | undefined;
}

/** A set of message schemas that can be filled by several registrations. */
export class SchemaRegistry implements SchemaResolver {
  readonly #messages = new Map<string, MessageSchema>();

  /** Adds message schemas; a later registration of the same name replaces the earlier one. */
  add(messages: Iterable<MessageSchema>): this {
    for (const message of messages) this.#messages.set(message.name, message);
    return this;
  }

  message(name: string): MessageSchema | undefined {
    return this.#messages.get(name);
  }

  /** Returns every registered message schema. */
  all(): IterableIterator<MessageSchema> {
    return this.#messages.values();
  }
}

/**
 * Finds the schema of a top-level kind and the messages it uses. The Scheme implements it,
 * and strict decoding reads it to report unknown fields.
 */
export interface KindSchemaLookup {
  /** The message schemas that kind schemas refer to. */
  readonly schemas: SchemaResolver;
  /** Returns the schema of a registered kind, or undefined when the kind has none. */
  kindSchema(gvk: GroupVersionKind): KindSchema | undefined;
}
