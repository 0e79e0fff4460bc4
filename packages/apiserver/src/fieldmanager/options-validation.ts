import { StatusError, type StatusCause } from "@apimachinery/meta";

/** The maximum length of a field manager name, in bytes, as Kubernetes validates it. */
export const maxFieldManagerLength = 128;

/** The options kind whose `fieldManager` and `force` a request sets. */
export type WriteOptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions";

/** The write options that concern field management. */
export interface FieldManagerParameters {
  readonly fieldManager?: string | undefined;
  /** The `force` parameter; only an apply patch may set it. */
  readonly force?: boolean | undefined;
  /** Set for an apply patch (`application/apply-patch+yaml`), which requires a field manager. */
  readonly apply?: boolean;
}

function isPrintable(character: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(character);
}

/**
 * Checks the `fieldManager` and `force` parameters as kube-apiserver does: an apply needs
 * a field manager, `force` is only for apply, and a name has at most 128 bytes of
 * printable characters. Returns a 422 Invalid naming the options kind
 * (`PatchOptions.meta.k8s.io "" is invalid: ...`), or undefined when they are valid.
 */
export function validateFieldManagerParameters(kind: WriteOptionsKind, parameters: FieldManagerParameters): StatusError | undefined {
  const causes: StatusCause[] = [];
  const fieldManager = parameters.fieldManager ?? "";
  if (kind === "PatchOptions" && !parameters.apply && parameters.force !== undefined) {
    causes.push({ reason: "FieldValueForbidden", message: "Forbidden: may not be specified for non-apply patch", field: "force" });
  }
  if (kind === "PatchOptions" && parameters.apply && fieldManager === "") {
    causes.push({ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" });
  }
  if (Buffer.byteLength(fieldManager) > maxFieldManagerLength) {
    causes.push({ reason: "FieldValueTooLong", message: `Too long: may not be more than ${maxFieldManagerLength} bytes`, field: "fieldManager" });
  }
  let position = 0;
  for (const character of fieldManager) {
    if (!isPrintable(character)) {
      const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
      const message = `Invalid value: ${JSON.stringify(fieldManager)}: invalid character U+${code} (at position ${position})`;
      causes.push({ reason: "FieldValueInvalid", message, field: "fieldManager" });
    }
    position += Buffer.byteLength(character);
  }
  if (causes.length === 0) return undefined;
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(", ");
  const message = `${kind}.meta.k8s.io "" is invalid: ${causes.length > 1 ? `[${summary}]` : summary}`;
  return new StatusError({ reason: "Invalid", code: 422, message, details: { name: "", group: "meta.k8s.io", kind, causes } });
}
