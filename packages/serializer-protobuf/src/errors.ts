import { StatusError } from "@apimachinery/meta";

/**
 * A failure inside the codec, before it is known which field it concerns. Decoders and
 * encoders add the JSON field names on the way out, and the entry points turn it into a
 * BadRequest StatusError, so callers only ever see StatusErrors.
 */
export class WireError extends Error {
  /** JSON field names and array indexes from the top-level object down to the failure. */
  readonly path: string[] = [];

  constructor(
    message: string,
    /** The byte offset in the input where decoding failed; -1 when encoding. */
    readonly offset: number = -1,
  ) {
    super(message);
    this.name = "WireError";
  }
}

/** Adds a field name (or `[index]`) in front of the path of a WireError and rethrows anything else unchanged. */
export function withPath(error: unknown, segment: string): unknown {
  if (error instanceof WireError) error.path.unshift(segment);
  return error;
}

function formatPath(path: readonly string[]): string {
  let text = "";
  for (const segment of path) text += segment.startsWith("[") || text === "" ? segment : `.${segment}`;
  return text;
}

/**
 * Converts any failure of the codec into a BadRequest StatusError that names the field path
 * and, for decoding, the byte offset. A stack overflow (RangeError) from pathological input
 * also becomes a BadRequest rather than escaping.
 */
export function toStatusError(error: unknown, operation: "decode" | "encode"): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof WireError) {
    const where: string[] = [];
    if (error.path.length > 0) where.push(`field ${formatPath(error.path)}`);
    if (error.offset >= 0) where.push(`offset ${error.offset}`);
    const suffix = where.length > 0 ? ` (${where.join(", ")})` : "";
    const causes = [{ reason: "FieldValueInvalid" as const, message: error.message, ...(error.path.length > 0 ? { field: formatPath(error.path) } : {}) }];
    return StatusError.badRequest(`failed to ${operation} protobuf: ${error.message}${suffix}`, causes);
  }
  // Anything else is a fault of the codec (or a stack overflow) that the input provoked.
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return StatusError.badRequest(`failed to ${operation} protobuf: unexpected failure: ${text}`);
}
