import path from "node:path";
import type { FieldType, KindSchema, SpecialShape } from "@apimachinery/runtime";
import { apiVersionOf } from "./group-versions.js";
import { describe } from "./emit-schema.js";
import { GENERATED_HEADER } from "./header.js";
import type { FolderModel, Layout } from "./layout.js";
import { propertyKey } from "./literal.js";
import type { FieldModel, MessageModel } from "./model.js";
import { compareNames } from "./parse-protos.js";

/** The JSON type of each special shape; `Props` stands for the JSONSchemaProps of the same package. */
const SPECIAL_TYPES: Readonly<Record<SpecialShape, { readonly type: string; readonly doc: string }>> = {
  Time: {
    type: "string | null",
    doc: "An RFC 3339 timestamp in seconds precision (`2006-01-02T15:04:05Z`), or null for the zero time; seconds and nanos on the wire.",
  },
  MicroTime: {
    type: "string | null",
    doc: "An RFC 3339 timestamp in microsecond precision (`2006-01-02T15:04:05.000000Z`), or null for the zero time; seconds and nanos on the wire.",
  },
  Duration: { type: "string", doc: "A Go duration string (`1h0m0s`); int64 nanoseconds on the wire." },
  IntOrString: { type: "number | string", doc: "An int32 or a string (`8080`, `\"http\"`, `\"25%\"`)." },
  Quantity: { type: "string", doc: "A resource quantity in its canonical string form (`100m`, `1Gi`)." },
  RawExtension: { type: "JsonValue", doc: "An embedded JSON value, usually an object with `apiVersion` and `kind`; raw bytes on the wire." },
  JSON: { type: "JsonValue", doc: "Any JSON value; raw bytes on the wire." },
  FieldsV1: { type: "JsonObject", doc: "The field set of a managedFields entry as a JSON object; raw bytes on the wire." },
  StringList: { type: "string[]", doc: "A list of strings; a message with `repeated string items` on the wire." },
  JSONSchemaPropsOrArray: { type: "Props | Props[]", doc: "One schema, or one schema per array position." },
  JSONSchemaPropsOrBool: { type: "boolean | Props", doc: "A boolean that allows or forbids anything, or a schema." },
  JSONSchemaPropsOrStringArray: { type: "Props | string[]", doc: "A schema, or a list of property names." },
};

/** Collects the imports one generated types file needs while its body is written. */
class Imports {
  readonly #namespaces = new Map<string, string>();
  readonly #parts = new Map<number, Set<string>>();
  readonly #json = new Set<string>();

  constructor(
    private readonly layout: Layout,
    private readonly folder: FolderModel,
    private readonly part: number | undefined,
  ) {}

  /** Returns the TypeScript name under which a message is visible in this file. */
  reference(name: string): string {
    const location = this.layout.locate(name);
    const shortName = location.message.shortName;
    if (location.folder !== this.folder) {
      const alias = namespaceAlias(location.folder);
      this.#namespaces.set(alias, location.folder.info.folder);
      return `${alias}.${shortName}`;
    }
    if (this.part !== undefined && location.part !== this.part) {
      const names = this.#parts.get(location.part) ?? new Set<string>();
      names.add(shortName);
      this.#parts.set(location.part, names);
    }
    return shortName;
  }

  /** Records that the file uses `JsonValue` or `JsonObject`. */
  json(name: "JsonValue" | "JsonObject"): void {
    this.#json.add(name);
  }

  /** Writes the import statements, sorted so the output is stable. */
  lines(): string[] {
    const lines: string[] = [];
    const genRoot = path.posix.relative(this.folder.info.folder, ".") || ".";
    if (this.#json.size > 0) {
      lines.push(`import type { ${[...this.#json].sort().join(", ")} } from "${genRoot}/../json-value.js";`);
    }
    const namespaces = [...this.#namespaces].sort(([left], [right]) => compareNames(left, right));
    for (const [alias, folder] of namespaces) {
      lines.push(`import type * as ${alias} from "${genRoot}/${folder}/types.js";`);
    }
    for (const [part, names] of [...this.#parts].sort(([a], [b]) => a - b)) {
      lines.push(`import type { ${[...names].sort().join(", ")} } from "./types-${part + 1}.js";`);
    }
    return lines;
  }
}

/** Returns the namespace alias of a folder in imports: `apps/v1` → `appsV1`, `apimachinery/util/intstr` → `apimachineryUtilIntstr`. */
export function namespaceAlias(folder: FolderModel): string {
  return folder.info.folder
    .split(/[/.-]/)
    .map((segment, index) => (index === 0 ? segment : segment.charAt(0).toUpperCase() + segment.slice(1)))
    .join("");
}

/** Writes the types of the messages of one part of a folder, or of the whole folder when `part` is undefined. */
export function emitTypesPart(layout: Layout, folder: FolderModel, part: number | undefined): string {
  const imports = new Imports(layout, folder, part);
  const messages = part === undefined ? folder.messages : (folder.parts[part] ?? []);
  const body: string[] = [];
  for (const message of messages) body.push("", ...emitMessage(layout, folder, message, imports));
  if (part === undefined) body.push(...emitForeignKinds(layout, folder, imports));
  return assemble(imports, body);
}

/** Writes the `types.ts` of a folder split into parts: re-exports of the parts and the kinds whose message lives elsewhere. */
export function emitTypesIndex(layout: Layout, folder: FolderModel): string {
  const imports = new Imports(layout, folder, undefined);
  const body = ["", ...folder.parts.map((_, index) => `export type * from "./types-${index + 1}.js";`)];
  body.push(...emitForeignKinds(layout, folder, imports));
  return assemble(imports, body);
}

function assemble(imports: Imports, body: string[]): string {
  const importLines = imports.lines();
  const head = [GENERATED_HEADER, ...(importLines.length > 0 ? ["", ...importLines] : [])];
  return [...head, ...body, ""].join("\n");
}

function emitMessage(layout: Layout, folder: FolderModel, message: MessageModel, imports: Imports): string[] {
  if (message.special !== undefined) {
    const special = SPECIAL_TYPES[message.special];
    if (special.type.includes("Json")) imports.json(special.type === "JsonObject" ? "JsonObject" : "JsonValue");
    const type = special.type.includes("Props")
      ? special.type.replaceAll("Props", imports.reference(`${message.packageName}.JSONSchemaProps`))
      : special.type;
    return [`/** ${special.doc} */`, `export type ${message.shortName} = ${type};`];
  }

  const kinds = layout.kindsOf(message.name);
  const ownKinds = kinds.filter((kind) => layout.folderOfKind(kind) === folder);
  if (ownKinds.length > 1) throw new Error(`message ${message.name} is the message of several kinds of one group version`);
  const ownKind = ownKinds[0];

  const bases = message.fields.filter((field) => field.inline).map((field) => reference(field.type, imports));
  const extendsClause = bases.length > 0 ? ` extends ${bases.join(", ")}` : "";
  const subject = ownKind === undefined ? `The \`${message.shortName}\` message` : `The \`${ownKind.kind}\` kind`;
  const atomic = message.markers.structType === "atomic" ? " Server-side apply owns it as one value." : "";
  const doc = `${subject} of ${describe(folder)}.${atomic}`;
  const lines = [`/** ${doc} */`, `export interface ${message.shortName}${extendsClause} {`];
  if (ownKind !== undefined) {
    lines.push(`  apiVersion: ${JSON.stringify(apiVersionOf(ownKind.group, ownKind.version))};`);
    lines.push(`  kind: ${JSON.stringify(ownKind.kind)};`);
  } else if (kinds.length > 0) {
    lines.push("  apiVersion?: string;", "  kind?: string;");
  }
  for (const field of message.fields) {
    if (field.inline) continue;
    const fieldDoc = describeMarkers(field);
    if (fieldDoc !== "") lines.push(`  /** ${fieldDoc} */`);
    lines.push(`  ${propertyKey(field.jsonName)}?: ${fieldType(field, imports)};`);
  }
  lines.push("}");
  return lines;
}

function emitForeignKinds(layout: Layout, folder: FolderModel, imports: Imports): string[] {
  const lines: string[] = [];
  const ownNames = new Set(folder.messages.map((message) => message.shortName));
  for (const kind of folder.kinds) {
    const location = layout.locate(kind.message);
    if (location.folder === folder) continue;
    if (ownNames.has(kind.kind)) throw new Error(`kind ${kind.kind} of ${folder.info.folder} collides with a message of the same name`);
    const base = imports.reference(kind.message);
    lines.push("", `/** The \`${kind.kind}\` kind of ${describe(folder)}. */`);
    lines.push(`export interface ${kind.kind} extends Omit<${base}, "apiVersion" | "kind"> {`);
    lines.push(`  apiVersion: ${JSON.stringify(apiVersionOf(kind.group, kind.version))};`);
    lines.push(`  kind: ${JSON.stringify(kind.kind)};`);
    lines.push("}");
  }
  return lines;
}

function fieldType(field: FieldModel, imports: Imports): string {
  const type = field.type;
  if (type.kind === "map") return `Record<string, ${reference(type.value, imports)}>`;
  const element = reference(type, imports);
  return field.repeated ? `${element.includes(" ") ? `(${element})` : element}[]` : element;
}

function reference(type: FieldType, imports: Imports): string {
  switch (type.kind) {
    case "scalar":
      switch (type.scalar) {
        case "string":
        case "bytes":
          return "string";
        case "bool":
          return "boolean";
        default:
          // NOTE: int64 and uint64 are typed `number` like JSON.parse returns them, so a codec that
          // keeps values beyond 2^53 exact as bigint returns values outside this type.
          return "number";
      }
    case "message":
      return imports.reference(type.message);
    case "map":
      return `Record<string, ${reference(type.value, imports)}>`;
  }
}

/** Describes a field's markers in one doc line, or returns "" for a field without any. */
function describeMarkers(field: FieldModel): string {
  const markers = field.markers;
  const parts: string[] = [];
  if (markers.required) parts.push("Required.");
  if (markers.listType === "map") {
    const keys = markers.listMapKeys.map((key) => `\`${key}\``).join(" and ");
    parts.push(keys === "" ? "A list map." : `A list map keyed by ${keys}.`);
  }
  if (markers.listType === "set") parts.push("A list of unique values.");
  if (markers.listType === "atomic") parts.push("An atomic list.");
  if (markers.mapType === "atomic") parts.push("An atomic map.");
  if (markers.mapType === "granular") parts.push("A granular map.");
  if (markers.patchStrategy !== undefined) {
    const key = markers.patchMergeKey === undefined ? "" : ` with merge key \`${markers.patchMergeKey}\``;
    parts.push(`Patch strategy \`${markers.patchStrategy}\`${key}.`);
  }
  return parts.join(" ");
}
