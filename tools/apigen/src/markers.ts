import type { ElementRelationship, ListType } from "@apimachinery/runtime";
import type { Markers } from "./model.js";

const LIST_TYPES: readonly ListType[] = ["atomic", "set", "map"];
const RELATIONSHIPS: readonly ElementRelationship[] = ["atomic", "granular", "separable"];

/**
 * Reads the markers of one comment block. A marker is a line of the form `+name` or
 * `+name=value`. Other markers (`+k8s:optional`, `+featureGate=...`) are ignored, except
 * `+k8s:required`, which counts as `+required`. An unknown `listType`, `mapType` or
 * `structType` value throws, because the tables would then carry a value no consumer knows.
 */
export function parseMarkers(comment: string | null | undefined): Markers {
  let optional = false;
  let required = false;
  let listType: ListType | undefined;
  let mapType: ElementRelationship | undefined;
  let structType: ElementRelationship | undefined;
  let patchStrategy: string | undefined;
  let patchMergeKey: string | undefined;
  const listMapKeys: string[] = [];

  for (const rawLine of (comment ?? "").split("\n")) {
    const line = rawLine.trim();
    if (!line.startsWith("+")) continue;
    const eq = line.indexOf("=");
    const name = eq < 0 ? line.slice(1) : line.slice(1, eq);
    const value = eq < 0 ? "" : line.slice(eq + 1).trim();
    switch (name) {
      case "optional":
        optional = true;
        break;
      case "required":
      case "k8s:required":
        required = true;
        break;
      case "listType":
        listType = oneOf(LIST_TYPES, value, line);
        break;
      case "listMapKey":
        listMapKeys.push(value);
        break;
      case "mapType":
        mapType = oneOf(RELATIONSHIPS, value, line);
        break;
      case "structType":
        structType = oneOf(RELATIONSHIPS, value, line);
        break;
      case "patchStrategy":
        patchStrategy = value;
        break;
      case "patchMergeKey":
        patchMergeKey = value;
        break;
      default:
        break;
    }
  }

  return {
    optional,
    required,
    listMapKeys,
    ...(listType === undefined ? {} : { listType }),
    ...(mapType === undefined ? {} : { mapType }),
    ...(structType === undefined ? {} : { structType }),
    ...(patchStrategy === undefined ? {} : { patchStrategy }),
    ...(patchMergeKey === undefined ? {} : { patchMergeKey }),
  };
}

function oneOf<T extends string>(allowed: readonly T[], value: string, line: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`invalid marker value in "${line}": expected one of ${allowed.join(", ")}`);
  return found;
}
