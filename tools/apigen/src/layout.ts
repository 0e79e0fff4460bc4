import type { KindSchema } from "@apimachinery/runtime";
import { apiVersionOf, groupVersionOf, type GroupVersionInfo } from "./group-versions.js";
import type { MessageModel, PackageModel } from "./model.js";
import { compareNames } from "./parse-protos.js";

/** At most this many messages go into one generated file; a larger group version is split into parts. */
export const MAX_MESSAGES_PER_FILE = 90;

/** One folder under `src/gen`: the messages of one protobuf package and the kinds of its group version. */
export interface FolderModel {
  readonly info: GroupVersionInfo;
  readonly packageName: string;
  /** Messages in name order. */
  readonly messages: readonly MessageModel[];
  /** Messages split into the parts written to separate files; one part for most folders. */
  readonly parts: readonly (readonly MessageModel[])[];
  /** Kinds of this group version, in kind order. */
  readonly kinds: readonly KindSchema[];
}

/** The place of a message in the output: its folder and part file. */
export interface MessageLocation {
  readonly message: MessageModel;
  readonly folder: FolderModel;
  /** The index of the part file that declares the message. */
  readonly part: number;
}

/** The whole generated output as folders, with lookups across them. */
export class Layout {
  readonly folders: readonly FolderModel[];
  readonly #locations = new Map<string, MessageLocation>();
  readonly #kindsByMessage = new Map<string, KindSchema[]>();
  readonly #folderOfGroupVersion = new Map<string, FolderModel>();

  constructor(packages: readonly PackageModel[], kinds: readonly KindSchema[]) {
    const folders: FolderModel[] = [];
    const sortedKinds = [...kinds].sort(compareKinds);
    for (const pkg of packages) {
      if (pkg.messages.length === 0) continue;
      const info = groupVersionOf(pkg.name);
      const ownKinds = sortedKinds.filter((kind) => info.version !== "" && kind.group === info.group && kind.version === info.version);
      folders.push({ info, packageName: pkg.name, messages: pkg.messages, parts: split(pkg.messages), kinds: ownKinds });
    }
    folders.sort((a, b) => compareNames(a.info.folder, b.info.folder));
    this.folders = folders;

    for (const folder of folders) {
      if (folder.info.version !== "") this.#folderOfGroupVersion.set(apiVersionOf(folder.info.group, folder.info.version), folder);
      folder.parts.forEach((part, index) => {
        for (const message of part) this.#locations.set(message.name, { message, folder, part: index });
      });
    }
    for (const kind of sortedKinds) {
      if (!this.#locations.has(kind.message)) throw new Error(`kind ${kind.kind} refers to the unknown message ${kind.message}`);
      const folder = this.#folderOfGroupVersion.get(apiVersionOf(kind.group, kind.version));
      if (folder === undefined) throw new Error(`kind ${kind.kind} belongs to ${apiVersionOf(kind.group, kind.version)}, which has no package`);
      const list = this.#kindsByMessage.get(kind.message) ?? [];
      list.push(kind);
      this.#kindsByMessage.set(kind.message, list);
    }
  }

  /** Returns where a message is declared; throws for a message outside the reference set. */
  locate(name: string): MessageLocation {
    const location = this.#locations.get(name);
    if (location === undefined) throw new Error(`message ${name} is not defined`);
    return location;
  }

  /** Returns the kinds whose message is `name`. */
  kindsOf(name: string): readonly KindSchema[] {
    return this.#kindsByMessage.get(name) ?? [];
  }

  /** Returns the folder of a kind's group version. */
  folderOfKind(kind: KindSchema): FolderModel {
    const folder = this.#folderOfGroupVersion.get(apiVersionOf(kind.group, kind.version));
    if (folder === undefined) throw new Error(`no folder for ${apiVersionOf(kind.group, kind.version)}`);
    return folder;
  }
}

function split(messages: readonly MessageModel[]): MessageModel[][] {
  const count = Math.ceil(messages.length / MAX_MESSAGES_PER_FILE);
  const size = Math.ceil(messages.length / count);
  const parts: MessageModel[][] = [];
  for (let start = 0; start < messages.length; start += size) parts.push(messages.slice(start, start + size));
  return parts;
}

function compareKinds(a: KindSchema, b: KindSchema): number {
  const left = `${a.group}\u0000${a.version}\u0000${a.kind}`;
  const right = `${b.group}\u0000${b.version}\u0000${b.kind}`;
  return compareNames(left, right);
}
