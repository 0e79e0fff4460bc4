import type { GroupVersionKind } from "@apimachinery/meta";
import type { Decoded, KindSchemaLookup, RuntimeObject, Serializer, SerializerInfo } from "@apimachinery/runtime";
import { decodeJson } from "./decode.js";
import { encodeJson } from "./encode.js";
import { jsonFramer } from "./framer.js";

/** The media type of the JSON serializer. */
export const JSON_MEDIA_TYPE = "application/json";

/** Options of {@link JsonSerializer}. */
export interface JsonSerializerOptions {
  /** Indents output by two spaces, with no trailing newline (Go's `json.MarshalIndent`). Default false. */
  readonly pretty?: boolean;
  /** Reports duplicate and unknown fields in `Decoded.strictErrors`. Default false. */
  readonly strict?: boolean;
  /** The schemas that strict mode checks fields against; without them only duplicates are found. */
  readonly schemas?: KindSchemaLookup;
  /** The deepest nesting that decoding accepts. */
  readonly maxDepth?: number;
  /** Escapes `<`, `>` and `&` as Go does. Default true. */
  readonly escapeHTML?: boolean;
}

/**
 * The JSON serializer. Compact output ends with a newline, as Go's `json.Encoder` writes
 * it; pretty output does not, as Go's `json.MarshalIndent` output does not.
 */
export class JsonSerializer implements Serializer {
  readonly mediaType = JSON_MEDIA_TYPE;
  readonly identifier: string;
  readonly #options: JsonSerializerOptions;

  constructor(options: JsonSerializerOptions = {}) {
    this.#options = options;
    this.identifier = JSON.stringify({
      name: "json",
      pretty: String(options.pretty ?? false),
      strict: String(options.strict ?? false),
      escapeHTML: String(options.escapeHTML ?? true),
    });
  }

  decode(data: Uint8Array, defaults?: Partial<GroupVersionKind>): Decoded {
    return decodeJson(data, {
      defaults,
      strict: this.#options.strict,
      schemas: this.#options.schemas,
      maxDepth: this.#options.maxDepth,
    });
  }

  encode(object: RuntimeObject): Uint8Array {
    const pretty = this.#options.pretty ?? false;
    return encodeJson(object, { pretty, trailingNewline: !pretty, escapeHTML: this.#options.escapeHTML ?? true });
  }
}

/** Options of {@link jsonSerializerInfo}. */
export interface JsonSerializerInfoOptions {
  /** The schemas that the strict serializer checks fields against. */
  readonly schemas?: KindSchemaLookup;
  /** The deepest nesting that decoding accepts. */
  readonly maxDepth?: number;
}

/**
 * Returns the SerializerInfo of `application/json`: compact, pretty and strict serializers
 * and newline-delimited watch streams.
 */
export function jsonSerializerInfo(options: JsonSerializerInfoOptions = {}): SerializerInfo {
  const shared = { ...(options.schemas ? { schemas: options.schemas } : {}), ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}) };
  const serializer = new JsonSerializer(shared);
  return {
    mediaType: JSON_MEDIA_TYPE,
    mediaTypeType: "application",
    mediaTypeSubType: "json",
    encodesAsText: true,
    serializer,
    prettySerializer: new JsonSerializer({ ...shared, pretty: true }),
    strictSerializer: new JsonSerializer({ ...shared, strict: true }),
    streamSerializer: { serializer, framer: jsonFramer, mediaType: JSON_MEDIA_TYPE },
  };
}
