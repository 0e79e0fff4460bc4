import type { KindSchema } from "@apimachinery/runtime";
import { emitAll, emitFolderIndex, emitNamespaces, packageExports, updatePackageJson } from "./emit-package.js";
import { emitInstallers, emitRegister } from "./emit-register.js";
import { emitSchemaIndex, emitSchemaPart } from "./emit-schema.js";
import { emitTypesIndex, emitTypesPart } from "./emit-types.js";
import { learnFromFixtures, type FixtureDocument, type FixtureReport } from "./fixture-facts.js";
import { collectKinds } from "./kinds.js";
import { learnOmitEmpty } from "./wire-facts.js";
import { Layout } from "./layout.js";
import type { MessageModel, PackageModel, ProtoSource } from "./model.js";
import { parseProtos } from "./parse-protos.js";

/**
 * Inline fields the fixtures cannot show because no fixture reaches their message. Go embeds
 * `runtime.TypeMeta` in `runtime.Unknown` with `json:",inline"`. An entry whose message is
 * not among the inputs is skipped.
 */
const KNOWN_INLINE: readonly string[] = ["k8s.io.apimachinery.pkg.runtime.Unknown.typeMeta"];

/** A fixture: its name (`apps.v1.Deployment`), its parsed JSON and, when present, its `.pb` bytes. */
export interface FixtureInput {
  readonly name: string;
  readonly value: unknown;
  readonly pb?: Uint8Array;
}

/** The generator's input. */
export interface GeneratorInput {
  readonly protos: readonly ProtoSource[];
  readonly fixtures: readonly FixtureInput[];
  /** The current `packages/api/package.json`, whose `exports` map is rewritten. */
  readonly packageJson: string;
}

/** The generator's output: file contents by path relative to `packages/api`, and the facts learned from the fixtures. */
export interface GeneratorOutput {
  readonly files: ReadonlyMap<string, string>;
  readonly kinds: readonly KindSchema[];
  readonly report: FixtureReport;
  /** `Message.field` of every field marked `omitEmpty`. */
  readonly omitEmpty: ReadonlySet<string>;
}

/** Generates the api package's sources from the protobuf definitions and the JSON fixtures. */
export function generate(input: GeneratorInput): GeneratorOutput {
  const packages = parseProtos(input.protos);
  const messages = indexMessages(packages);
  checkStringLists(messages);

  const kinds = collectKinds(packages, input.fixtures.map((fixture) => fixture.name));
  const documents = fixtureDocuments(kinds, input.fixtures);
  const report = learnFromFixtures(messages, documents);
  for (const id of KNOWN_INLINE) {
    const dot = id.lastIndexOf(".");
    const message = messages.get(id.slice(0, dot));
    if (message === undefined) continue;
    const field = message.fields.find((candidate) => candidate.protoName === id.slice(dot + 1));
    if (field === undefined) throw new Error(`known inline field ${id} does not exist`);
    field.inline = true;
  }

  const wireDocuments = input.fixtures.flatMap((fixture, index) => {
    const document = documents[index];
    return fixture.pb === undefined || document === undefined ? [] : [{ ...document, pb: fixture.pb, json: fixture.value }];
  });
  const omitEmpty = learnOmitEmpty(messages, wireDocuments);

  const layout = new Layout(packages, kinds);
  const files = new Map<string, string>();
  for (const folder of layout.folders) {
    const base = `src/gen/${folder.info.folder}`;
    if (folder.parts.length > 1) {
      folder.parts.forEach((_, index) => {
        files.set(`${base}/types-${index + 1}.ts`, emitTypesPart(layout, folder, index));
        files.set(`${base}/schema-${index + 1}.ts`, emitSchemaPart(folder, index));
      });
      files.set(`${base}/types.ts`, emitTypesIndex(layout, folder));
    } else {
      files.set(`${base}/types.ts`, emitTypesPart(layout, folder, undefined));
    }
    files.set(`${base}/schema.ts`, emitSchemaIndex(folder));
    if (folder.kinds.length > 0) files.set(`${base}/register.ts`, emitRegister(layout, folder));
    files.set(`${base}/index.ts`, emitFolderIndex(layout, folder.info.folder));
  }
  files.set("src/gen/all.ts", emitAll(layout));
  files.set("src/gen/namespaces.ts", emitNamespaces(layout));
  files.set("src/gen/installers.ts", emitInstallers(layout));
  files.set("package.json", updatePackageJson(input.packageJson, packageExports(layout)));
  return { files, kinds, report, omitEmpty };
}

function indexMessages(packages: readonly PackageModel[]): Map<string, MessageModel> {
  const messages = new Map<string, MessageModel>();
  for (const pkg of packages) for (const message of pkg.messages) messages.set(message.name, message);
  return messages;
}

/** Throws when a `{ repeated string items = 1 }` message is missing from the special-shape table. */
function checkStringLists(messages: ReadonlyMap<string, MessageModel>): void {
  for (const message of messages.values()) {
    const [only, ...rest] = message.fields;
    const looksLikeList = only !== undefined && rest.length === 0 && only.protoName === "items" && only.repeated && only.type.kind === "scalar";
    if (looksLikeList && message.special !== "StringList") {
      throw new Error(`message ${message.name} has the StringList wire shape but is not in SPECIAL_SHAPES`);
    }
  }
}

function fixtureDocuments(kinds: readonly KindSchema[], fixtures: readonly FixtureInput[]): FixtureDocument[] {
  const byName = new Map(kinds.map((kind) => [`${kind.group === "" ? "core" : kind.group}.${kind.version}.${kind.kind}`, kind.message]));
  return fixtures.map((fixture) => {
    const message = byName.get(fixture.name);
    if (message === undefined) throw new Error(`fixture ${fixture.name} has no kind`);
    return { name: fixture.name, message, value: fixture.value };
  });
}
