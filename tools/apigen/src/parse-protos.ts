import protobuf from "protobufjs";
import type { FieldType, ScalarType } from "@apimachinery/runtime";
import { parseMarkers } from "./markers.js";
import type { FieldModel, MessageModel, PackageModel, ProtoSource } from "./model.js";
import { specialShapeOf } from "./special-shapes.js";

const SCALARS: readonly ScalarType[] = ["string", "bool", "int32", "int64", "uint32", "uint64", "double", "float", "bytes"];

/**
 * Parses proto2 sources into package models. All sources share one protobufjs root, so a
 * message reference resolves to its fully qualified name whichever file declares it. A
 * reference to a message that no source declares throws.
 */
export function parseProtos(sources: readonly ProtoSource[]): PackageModel[] {
  const root = new protobuf.Root();
  const files: { file: string; packageName: string }[] = [];
  for (const source of sources) {
    const parsed = protobuf.parse(source.text, root, { keepCase: true, alternateCommentMode: true });
    if (parsed.package === undefined) throw new Error(`${source.file} declares no package`);
    // A package split over several files becomes one model, named after its first file.
    if (!files.some((entry) => entry.packageName === parsed.package)) files.push({ file: source.file, packageName: parsed.package });
  }
  root.resolveAll();

  return files.map(({ file, packageName }) => {
    const namespace = root.lookup(packageName);
    const types = namespace instanceof protobuf.Namespace ? namespace.nestedArray : [];
    const messages = types
      .filter((nested): nested is protobuf.Type => nested instanceof protobuf.Type)
      .map((type) => toMessage(type, packageName))
      .sort((a, b) => compareNames(a.shortName, b.shortName));
    return { name: packageName, file, messages };
  });
}

function toMessage(type: protobuf.Type, packageName: string): MessageModel {
  const name = stripDot(type.fullName);
  const fields = type.fieldsArray.map(toField).sort((a, b) => a.number - b.number);
  const special = specialShapeOf(name);
  return {
    name,
    shortName: type.name,
    packageName,
    fields,
    markers: parseMarkers(type.comment),
    ...(special === undefined ? {} : { special }),
  };
}

function toField(field: protobuf.Field): FieldModel {
  let type: FieldType;
  if (field instanceof protobuf.MapField) {
    type = { kind: "map", key: scalar(field.keyType, field), value: valueType(field) };
  } else {
    type = valueType(field);
  }
  return {
    protoName: field.name,
    jsonName: field.name,
    number: field.id,
    type,
    repeated: field.repeated,
    inline: false,
    omitEmpty: false,
    markers: parseMarkers(field.comment),
  };
}

function valueType(field: protobuf.Field): FieldType {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return { kind: "message", message: stripDot(resolved.fullName) };
  if (resolved !== null) throw new Error(`field ${field.fullName} has an enum type, which the schema cannot describe`);
  return { kind: "scalar", scalar: scalar(field.type, field) };
}

function scalar(name: string, field: protobuf.Field): ScalarType {
  const found = SCALARS.find((candidate) => candidate === name);
  if (found === undefined) throw new Error(`field ${field.fullName} has the unsupported scalar type ${name}`);
  return found;
}

function stripDot(name: string): string {
  return name.startsWith(".") ? name.slice(1) : name;
}

/** Orders names by UTF-16 code units, so the output does not depend on the locale. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
