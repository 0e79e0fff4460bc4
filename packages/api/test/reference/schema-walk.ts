import type { FieldSchema, FieldType, MessageSchema, SchemaResolver } from "@apimachinery/runtime";

/** One JSON key or value that the schema at its position does not explain. */
export interface Mismatch {
  readonly path: string;
  readonly problem: string;
}

/** The outcome of checking JSON documents against schemas: key counts and mismatches. */
export interface WalkResult {
  known: number;
  total: number;
  readonly mismatches: Mismatch[];
}

/**
 * Checks JSON values against message schemas. Every key of every object must be the JSON
 * name of a field of the message or of a message embedded inline, or `apiVersion`/`kind` on
 * the message of some kind. Scalars must have the JSON type of their field, and special
 * shapes their JSON form.
 */
export class SchemaWalker {
  readonly result: WalkResult = { known: 0, total: 0, mismatches: [] };

  constructor(
    private readonly resolver: SchemaResolver,
    private readonly kindMessages: ReadonlySet<string>,
  ) {}

  walkMessage(value: unknown, name: string, path: string): void {
    const message = this.resolver.message(name);
    if (message === undefined) {
      this.fail(path, `message ${name} has no schema`);
      return;
    }
    if (message.special !== undefined) {
      this.walkSpecial(value, message, path);
      return;
    }
    if (!isObject(value)) {
      this.fail(path, `expected an object for ${name}`);
      return;
    }
    const fields = new Map<string, FieldSchema>();
    this.collectFields(message, fields);
    for (const [key, item] of Object.entries(value)) {
      this.result.total += 1;
      const field = fields.get(key);
      if (field !== undefined) {
        this.result.known += 1;
        this.walkField(item, field, `${path}.${key}`);
      } else if ((key === "apiVersion" || key === "kind") && this.kindMessages.has(name) && typeof item === "string") {
        this.result.known += 1;
      } else {
        this.fail(`${path}.${key}`, `no field of ${name} has this JSON name`);
      }
    }
  }

  private collectFields(message: MessageSchema, into: Map<string, FieldSchema>): void {
    for (const field of message.fields) {
      if (field.inline === true && field.type.kind === "message") {
        const nested = this.resolver.message(field.type.message);
        if (nested === undefined) this.fail(message.name, `inline message ${field.type.message} has no schema`);
        else this.collectFields(nested, into);
      } else {
        into.set(field.name, field);
      }
    }
  }

  private walkField(value: unknown, field: FieldSchema, path: string): void {
    if (field.type.kind === "map") {
      if (!isObject(value)) return this.fail(path, "expected an object for a map field");
      for (const [key, item] of Object.entries(value)) this.walkValue(item, field.type.value, `${path}[${key}]`);
      return;
    }
    if (field.repeated === true) {
      if (!Array.isArray(value)) return this.fail(path, "expected an array for a repeated field");
      value.forEach((item, index) => this.walkValue(item, field.type, `${path}[${index}]`));
      return;
    }
    this.walkValue(value, field.type, path);
  }

  private walkValue(value: unknown, type: FieldType, path: string): void {
    switch (type.kind) {
      case "message":
        return this.walkMessage(value, type.message, path);
      case "map":
        return this.fail(path, "a map inside a map is not a protobuf type");
      case "scalar":
        switch (type.scalar) {
          case "string":
          case "bytes":
            return this.expect(typeof value === "string", path, `expected a string for ${type.scalar}`);
          case "bool":
            return this.expect(typeof value === "boolean", path, "expected a boolean");
          default:
            return this.expect(typeof value === "number", path, `expected a number for ${type.scalar}`);
        }
    }
  }

  private walkSpecial(value: unknown, message: MessageSchema, path: string): void {
    const props = message.name.replace(/[^.]+$/, "JSONSchemaProps");
    switch (message.special) {
      case "Time":
      case "MicroTime":
        return this.expect(typeof value === "string" || value === null, path, `expected a string or null for ${message.special}`);
      case "Duration":
      case "Quantity":
        return this.expect(typeof value === "string", path, `expected a string for ${message.special}`);
      case "IntOrString":
        return this.expect(typeof value === "string" || typeof value === "number", path, "expected a number or a string");
      case "StringList":
        return this.expect(Array.isArray(value) && value.every((item) => typeof item === "string"), path, "expected an array of strings");
      case "FieldsV1":
        return this.expect(isObject(value), path, "expected an object for FieldsV1");
      case "RawExtension":
      case "JSON":
        return;
      case "JSONSchemaPropsOrArray":
        if (Array.isArray(value)) value.forEach((item, index) => this.walkMessage(item, props, `${path}[${index}]`));
        else this.walkMessage(value, props, path);
        return;
      case "JSONSchemaPropsOrBool":
        if (typeof value !== "boolean") this.walkMessage(value, props, path);
        return;
      case "JSONSchemaPropsOrStringArray":
        if (Array.isArray(value)) this.expect(value.every((item) => typeof item === "string"), path, "expected an array of strings");
        else this.walkMessage(value, props, path);
        return;
      case undefined:
        return;
    }
  }

  private expect(condition: boolean, path: string, problem: string): void {
    if (!condition) this.fail(path, problem);
  }

  private fail(path: string, problem: string): void {
    this.result.mismatches.push({ path, problem });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
