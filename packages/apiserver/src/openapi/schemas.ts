import type { FieldSchema, FieldType, MessageSchema, ScalarType, SchemaResolver, SpecialShape } from "@apimachinery/runtime";
import { definitionName } from "./definition-name.js";

/** A JSON object of an OpenAPI document. */
export type JsonObject = Record<string, unknown>;

/** A group, version and kind as the `x-kubernetes-group-version-kind` extension lists them. */
export interface GvkExtension {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/**
 * The OpenAPI version that schemas are written for. v2 puts extensions beside a `$ref`
 * and refers to `#/definitions/`, v3 wraps a `$ref` that has siblings in `allOf` and refers
 * to `#/components/schemas/`.
 */
export type OpenApiDialect = "v2" | "v3";

/** Orders strings by UTF-16 code units, independent of the locale. */
export function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Returns the JSON pointer prefix under which a dialect keeps its definitions. */
export function refPrefix(dialect: OpenApiDialect): string {
  return dialect === "v2" ? "#/definitions/" : "#/components/schemas/";
}

const scalarSchemas: Readonly<Record<ScalarType, JsonObject>> = {
  string: { type: "string" },
  bool: { type: "boolean" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  uint32: { type: "integer", format: "int32" },
  uint64: { type: "integer", format: "int64" },
  double: { type: "number", format: "double" },
  float: { type: "number", format: "float" },
  bytes: { type: "string", format: "byte" },
};

/**
 * Returns the schema of a message whose JSON form is not an object of its fields, in the form
 * kube-apiserver publishes for it. `Duration` and `StringList` return undefined because
 * upstream writes them in place (a string, an array of strings) instead of as a definition.
 */
function specialDefinition(shape: SpecialShape, dialect: OpenApiDialect): JsonObject | undefined {
  switch (shape) {
    case "Time":
    case "MicroTime":
      return { type: "string", format: "date-time" };
    case "Quantity":
      return dialect === "v2" ? { type: "string" } : { oneOf: [{ type: "string" }, { type: "number" }] };
    case "IntOrString":
      return dialect === "v2"
        ? { type: "string", format: "int-or-string" }
        : { format: "int-or-string", oneOf: [{ type: "integer" }, { type: "string" }] };
    case "RawExtension":
    case "FieldsV1":
      return { type: "object" };
    case "JSON":
    case "JSONSchemaPropsOrArray":
    case "JSONSchemaPropsOrBool":
    case "JSONSchemaPropsOrStringArray":
      // Any JSON value: upstream publishes these without a type.
      return {};
    case "Duration":
    case "StringList":
      return undefined;
  }
}

/** Returns the schema written in place of a reference to a `Duration` or `StringList` message. */
function inlineSpecial(shape: SpecialShape): JsonObject | undefined {
  if (shape === "Duration") return { type: "string" };
  if (shape === "StringList") return { type: "array", items: { type: "string" } };
  return undefined;
}

/** Returns the vendor extensions of a field, sorted by name. */
function fieldExtensions(field: FieldSchema): JsonObject {
  const extensions: JsonObject = {};
  if (field.listMapKeys && field.listMapKeys.length > 0) extensions["x-kubernetes-list-map-keys"] = [...field.listMapKeys];
  if (field.listType) extensions["x-kubernetes-list-type"] = field.listType;
  if (field.mapType) extensions["x-kubernetes-map-type"] = field.mapType;
  if (field.patchMergeKey) extensions["x-kubernetes-patch-merge-key"] = field.patchMergeKey;
  if (field.patchStrategy) extensions["x-kubernetes-patch-strategy"] = field.patchStrategy;
  return extensions;
}

/**
 * Builds OpenAPI definitions from message schemas, keyed by definition name. Each message
 * reachable from the added roots gets one definition. Fields of `inline` (Go embedded)
 * messages are merged into their parent because Go's JSON encoding flattens them.
 */
export class DefinitionBuilder {
  readonly #resolver: SchemaResolver;
  readonly #dialect: OpenApiDialect;
  readonly #typeMetaMessages: ReadonlySet<string>;
  readonly #kindsOfMessage: ReadonlyMap<string, readonly GvkExtension[]>;
  readonly #definitions = new Map<string, JsonObject>();

  /**
   * @param kindsOfMessage - the kinds that each message encodes; such messages get `apiVersion`
   *   and `kind` properties and the `x-kubernetes-group-version-kind` extension.
   */
  constructor(resolver: SchemaResolver, dialect: OpenApiDialect, kindsOfMessage: ReadonlyMap<string, readonly GvkExtension[]>) {
    this.#resolver = resolver;
    this.#dialect = dialect;
    this.#kindsOfMessage = kindsOfMessage;
    this.#typeMetaMessages = new Set(kindsOfMessage.keys());
  }

  /** Adds the definition of a message and of every message it refers to; returns its name. */
  add(messageName: string): string {
    const name = definitionName(messageName);
    if (this.#definitions.has(name)) return name;
    const message = this.#message(messageName);
    // Reserve the name first so that recursive messages (JSONSchemaProps) terminate.
    this.#definitions.set(name, {});
    this.#definitions.set(name, this.#messageDefinition(message));
    return name;
  }

  /** Returns the definitions added so far, sorted by name. */
  definitions(): Record<string, JsonObject> {
    const sorted = [...this.#definitions.entries()].sort(([left], [right]) => compareStrings(left, right));
    return Object.fromEntries(sorted);
  }

  /** Returns a schema that refers to a message's definition, adding it when missing. */
  reference(messageName: string): JsonObject {
    const special = this.#message(messageName).special;
    const inline = special ? inlineSpecial(special) : undefined;
    if (inline) return inline;
    return { $ref: `${refPrefix(this.#dialect)}${this.add(messageName)}` };
  }

  #message(messageName: string): MessageSchema {
    const message = this.#resolver.message(messageName);
    // NOTE: a missing message is a defect of the generated schema tables, not of a request.
    if (!message) throw new Error(`OpenAPI: no message schema named ${messageName}`);
    return message;
  }

  #messageDefinition(message: MessageSchema): JsonObject {
    if (message.special) {
      const special = specialDefinition(message.special, this.#dialect);
      if (special) return special;
    }
    const properties: JsonObject = {};
    const required: string[] = [];
    if (this.#typeMetaMessages.has(message.name)) {
      properties["apiVersion"] = { type: "string" };
      properties["kind"] = { type: "string" };
    }
    this.#addProperties(message, properties, required);
    const definition: JsonObject = { type: "object" };
    if (Object.keys(properties).length > 0) definition["properties"] = properties;
    if (required.length > 0) definition["required"] = required;
    const kinds = this.#kindsOfMessage.get(message.name);
    if (kinds && kinds.length > 0) definition["x-kubernetes-group-version-kind"] = kinds.map(({ group, kind, version }) => ({ group, kind, version }));
    if (message.structType === "atomic") definition["x-kubernetes-map-type"] = "atomic";
    return definition;
  }

  #addProperties(message: MessageSchema, properties: JsonObject, required: string[]): void {
    for (const field of message.fields) {
      if (field.inline && field.type.kind === "message") {
        // Go embeds these messages (TypeMeta, VolumeSource), so their fields sit in the parent object.
        this.#addProperties(this.#message(field.type.message), properties, required);
        continue;
      }
      properties[field.name] = this.#fieldSchema(field);
      if (!field.optional && !field.inline) required.push(field.name);
    }
  }

  #fieldSchema(field: FieldSchema): JsonObject {
    const valueSchema = this.#typeSchema(field.type);
    const extensions = fieldExtensions(field);
    const schema = field.repeated ? { type: "array", items: valueSchema } : valueSchema;
    if (Object.keys(extensions).length === 0) return schema;
    if ("$ref" in schema && this.#dialect === "v3") return { allOf: [schema], ...extensions };
    return { ...schema, ...extensions };
  }

  #typeSchema(type: FieldType): JsonObject {
    switch (type.kind) {
      case "scalar":
        return { ...scalarSchemas[type.scalar] };
      case "message":
        return this.reference(type.message);
      case "map":
        return { type: "object", additionalProperties: this.#typeSchema(type.value) };
    }
  }
}
