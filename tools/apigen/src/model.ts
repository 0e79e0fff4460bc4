import type { ElementRelationship, FieldType, ListType, SpecialShape } from "@apimachinery/runtime";

/** The markers (`+name=value` comment lines) that the generator reads from a field or message comment. */
export interface Markers {
  readonly optional: boolean;
  /** `+required` or `+k8s:required`. */
  readonly required: boolean;
  readonly listType?: ListType;
  readonly listMapKeys: readonly string[];
  readonly mapType?: ElementRelationship;
  readonly structType?: ElementRelationship;
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
}

/** One field of a parsed message, before it is written out as a `FieldSchema`. */
export interface FieldModel {
  /** The protobuf field name. */
  readonly protoName: string;
  /** The JSON name; equal to `protoName` unless the fixtures or the rename table say otherwise. */
  jsonName: string;
  readonly number: number;
  readonly type: FieldType;
  readonly repeated: boolean;
  /** A Go embedded struct whose fields JSON writes into the parent object. */
  inline: boolean;
  /** A scalar that Go writes on the wire when it is zero but leaves out of JSON. */
  omitEmpty: boolean;
  readonly markers: Markers;
}

/** One parsed message. */
export interface MessageModel {
  /** The fully qualified name without a leading dot. */
  readonly name: string;
  /** The name inside its package (`PodSpec`). */
  readonly shortName: string;
  readonly packageName: string;
  /** Fields in field-number order. */
  readonly fields: readonly FieldModel[];
  readonly special?: SpecialShape;
  readonly markers: Markers;
}

/** One parsed `generated.proto`. */
export interface PackageModel {
  /** The protobuf package (`k8s.io.api.apps.v1`). */
  readonly name: string;
  /** The file path relative to the proto root (`k8s.io/api/apps/v1/generated.proto`). */
  readonly file: string;
  readonly messages: readonly MessageModel[];
}

/** One proto file's text and path relative to the proto root. */
export interface ProtoSource {
  readonly file: string;
  readonly text: string;
}
