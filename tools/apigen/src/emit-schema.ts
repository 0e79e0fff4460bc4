import type { FieldType } from "@apimachinery/runtime";
import { GENERATED_HEADER } from "./header.js";
import type { FolderModel } from "./layout.js";
import { printLiteral, type Literal } from "./literal.js";
import type { FieldModel, MessageModel } from "./model.js";

/** Writes the schema file of one part of a folder: its `MessageSchema` table. */
export function emitSchemaPart(folder: FolderModel, part: number): string {
  const messages = folder.parts[part] ?? [];
  const lines = [GENERATED_HEADER, 'import type { MessageSchema } from "@apimachinery/runtime";', ""];
  lines.push(`/** Message schemas of ${describe(folder)}${folder.parts.length > 1 ? `, part ${part + 1} of ${folder.parts.length}` : ""}, in name order. */`);
  lines.push("export const messageSchemas: readonly MessageSchema[] = [");
  for (const message of messages) lines.push(...emitMessage(message));
  lines.push("];", "");
  return lines.join("\n");
}

/**
 * Writes the `schema.ts` of a folder: the kind table, and the message table itself for a
 * folder of one part or the concatenation of the part files otherwise.
 */
export function emitSchemaIndex(folder: FolderModel): string {
  const lines = [GENERATED_HEADER, 'import type { KindSchema, MessageSchema } from "@apimachinery/runtime";'];
  if (folder.parts.length > 1) {
    folder.parts.forEach((_, index) => lines.push(`import { messageSchemas as part${index + 1} } from "./schema-${index + 1}.js";`));
  }
  lines.push("");
  lines.push(`/** Message schemas of ${describe(folder)}, in name order. */`);
  if (folder.parts.length > 1) {
    lines.push(`export const messageSchemas: readonly MessageSchema[] = [${folder.parts.map((_, index) => `...part${index + 1}`).join(", ")}];`);
  } else {
    lines.push("export const messageSchemas: readonly MessageSchema[] = [");
    for (const message of folder.messages) lines.push(...emitMessage(message));
    lines.push("];");
  }
  lines.push("");
  lines.push(`/** Kinds served by ${describe(folder)}, in kind order. */`);
  if (folder.kinds.length === 0) {
    lines.push("export const kindSchemas: readonly KindSchema[] = [];");
  } else {
    lines.push("export const kindSchemas: readonly KindSchema[] = [");
    for (const kind of folder.kinds) lines.push(`  ${printLiteral({ ...kind })},`);
    lines.push("];");
  }
  lines.push("");
  return lines.join("\n");
}

function emitMessage(message: MessageModel): string[] {
  const lines = ["  {", `    name: ${JSON.stringify(message.name)},`];
  if (message.special !== undefined) lines.push(`    special: ${JSON.stringify(message.special)},`);
  if (message.markers.structType !== undefined) lines.push(`    structType: ${JSON.stringify(message.markers.structType)},`);
  if (message.fields.length === 0) {
    lines.push("    fields: [],");
  } else {
    lines.push("    fields: [");
    for (const field of message.fields) lines.push(`      ${printLiteral(fieldLiteral(field))},`);
    lines.push("    ],");
  }
  lines.push("  },");
  return lines;
}

function fieldLiteral(field: FieldModel): Literal {
  const markers = field.markers;
  return {
    name: field.jsonName,
    protoName: field.protoName === field.jsonName ? undefined : field.protoName,
    number: field.number,
    type: typeLiteral(field.type),
    repeated: field.repeated ? true : undefined,
    inline: field.inline ? true : undefined,
    optional: markers.optional ? true : undefined,
    required: markers.required ? true : undefined,
    listType: markers.listType,
    listMapKeys: markers.listMapKeys.length > 0 ? markers.listMapKeys : undefined,
    mapType: markers.mapType,
    patchStrategy: markers.patchStrategy,
    patchMergeKey: markers.patchMergeKey,
    omitEmpty: field.omitEmpty ? true : undefined,
  };
}

function typeLiteral(type: FieldType): Literal {
  switch (type.kind) {
    case "scalar":
      return { kind: "scalar", scalar: type.scalar };
    case "message":
      return { kind: "message", message: type.message };
    case "map":
      return { kind: "map", key: type.key, value: typeLiteral(type.value) };
  }
}

/** Names a folder in a doc comment: its API version, or its folder for the apimachinery packages. */
export function describe(folder: FolderModel): string {
  const { group, version, folder: path } = folder.info;
  if (version === "") return `\`${path}\``;
  return `\`${group === "" ? `core/${version}` : `${group}/${version}`}\``;
}
