import type { FieldModel, MessageModel } from "./model.js";

/** One JSON fixture and the message of its kind. */
export interface FixtureDocument {
  readonly name: string;
  readonly message: string;
  readonly value: unknown;
}

/** Facts learned from the fixtures, for the generator's log and its consistency checks. */
export interface FixtureReport {
  /** `Message.field` of every field written inline (Go embedded struct). */
  readonly inline: ReadonlySet<string>;
  /** `Message.field` → JSON name, for every field whose JSON name differs from its protobuf name. */
  readonly renamed: ReadonlyMap<string, string>;
  /** `Message.field` of every field seen under its own name. */
  readonly direct: ReadonlySet<string>;
  /** Keys of a JSON object that no field of the message at that position explains. */
  readonly unexplained: readonly string[];
}

const TYPE_META_KEYS = new Set(["apiVersion", "kind"]);

/** Loose form of a name for matching a JSON key to a protobuf name: `$ref` ~ `ref`, `x-kubernetes-a-b` ~ `xKubernetesAB`. */
function looseName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

/**
 * Learns, from JSON fixtures in which every field is filled, which message fields JSON writes
 * inline and which have a JSON name other than their protobuf name, and applies both to the
 * models. A field is inline when its name is absent from the object and the object contains
 * a key that is no field of the parent but is a field of the nested message. A field seen both
 * inline and under its own name throws.
 */
export function learnFromFixtures(messages: ReadonlyMap<string, MessageModel>, documents: readonly FixtureDocument[]): FixtureReport {
  const learner = new Learner(messages);
  for (const document of documents) learner.walk(document.value, document.message, document.name);

  for (const key of learner.inline) {
    if (learner.direct.has(key)) throw new Error(`field ${key} is both inline and named in the fixtures`);
  }
  for (const message of messages.values()) {
    for (const field of message.fields) {
      const key = `${message.name}.${field.protoName}`;
      if (learner.inline.has(key)) field.inline = true;
      const jsonName = learner.renamed.get(key);
      if (jsonName !== undefined) field.jsonName = jsonName;
    }
  }
  return learner;
}

class Learner implements FixtureReport {
  readonly inline = new Set<string>();
  readonly renamed = new Map<string, string>();
  readonly direct = new Set<string>();
  readonly unexplained: string[] = [];

  constructor(private readonly messages: ReadonlyMap<string, MessageModel>) {}

  walk(value: unknown, messageName: string, path: string): void {
    const message = this.message(messageName);
    if (message.special !== undefined) {
      this.walkSpecial(value, message, path);
      return;
    }
    if (!isObject(value)) {
      this.unexplained.push(`${path}: expected an object for ${message.name}`);
      return;
    }
    const claimed = new Set<string>(TYPE_META_KEYS);
    this.claimFields(value, message, claimed, path);
    for (const key of Object.keys(value)) {
      if (!claimed.has(key)) this.unexplained.push(`${path}.${key} (in ${message.name})`);
    }
  }

  private claimFields(object: Record<string, unknown>, message: MessageModel, claimed: Set<string>, path: string): void {
    const ownNames = new Set(message.fields.map((field) => field.protoName));
    for (const field of message.fields) {
      const id = `${message.name}.${field.protoName}`;
      if (field.protoName in object) {
        this.direct.add(id);
        claimed.add(field.protoName);
        this.descend(object[field.protoName], field, `${path}.${field.protoName}`);
        continue;
      }
      const renamed = Object.keys(object).find((key) => !ownNames.has(key) && key !== field.protoName && looseName(key) === looseName(field.protoName));
      if (renamed !== undefined) {
        this.renamed.set(id, renamed);
        claimed.add(renamed);
        this.descend(object[renamed], field, `${path}.${renamed}`);
        continue;
      }
      if (field.type.kind !== "message" || field.repeated) continue;
      const nested = this.message(field.type.message);
      if (nested.special !== undefined) continue;
      const nestedNames = new Set(nested.fields.map((nestedField) => nestedField.protoName));
      if (Object.keys(object).some((key) => !ownNames.has(key) && nestedNames.has(key))) {
        this.inline.add(id);
        this.claimFields(object, nested, claimed, `${path}(${field.protoName})`);
      }
    }
  }

  private descend(value: unknown, field: FieldModel, path: string): void {
    const type = field.type;
    if (type.kind === "scalar") return;
    const elementType = type.kind === "map" ? type.value : type;
    if (elementType.kind !== "message") return;
    const each = (element: unknown, elementPath: string): void => {
      if (type.kind === "map") {
        if (!isObject(element)) return;
        for (const [key, item] of Object.entries(element)) this.walk(item, elementType.message, `${elementPath}[${key}]`);
      } else {
        this.walk(element, elementType.message, elementPath);
      }
    };
    if (field.repeated) {
      if (Array.isArray(value)) value.forEach((element, index) => each(element, `${path}[${index}]`));
    } else {
      each(value, path);
    }
  }

  private walkSpecial(value: unknown, message: MessageModel, path: string): void {
    if (!message.special?.startsWith("JSONSchemaPropsOr")) return;
    const props = `${message.packageName}.JSONSchemaProps`;
    if (Array.isArray(value)) {
      value.forEach((element, index) => {
        if (isObject(element)) this.walk(element, props, `${path}[${index}]`);
      });
    } else if (isObject(value)) {
      this.walk(value, props, path);
    }
  }

  private message(name: string): MessageModel {
    const message = this.messages.get(name);
    if (message === undefined) throw new Error(`message ${name} is not defined`);
    return message;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
