import { StatusError, type GroupVersionKind, type StatusCause } from "@apimachinery/meta";
import {
  metaTransformRestrictions,
  type CodecFactory,
  type NegotiatedOutput,
  type NegotiatedStream,
  type Serializer,
} from "@apimachinery/runtime";
import type { ObjectData } from "../registry/strategy.js";
import { send, statusOf, type ApiRequest, type ApiResponse } from "./http-util.js";

/** The treatment of unknown and duplicate fields in a request body (`fieldValidation`). */
export type FieldValidation = "Ignore" | "Warn" | "Strict";

/** Reads `fieldValidation`; absent means Warn, as kube-apiserver defaults it. */
export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get("fieldValidation") ?? "";
  if (value === "") return "Warn";
  if (value === "Ignore" || value === "Warn" || value === "Strict") return value;
  throw StatusError.badRequest(`invalid fieldValidation directive: "${value}": supported values are Ignore, Warn and Strict`);
}

/** A request's negotiated codecs and the warnings to send with its response. */
export class Exchange {
  readonly warnings: string[] = [];
  #output: NegotiatedOutput | undefined;

  constructor(
    readonly request: ApiRequest,
    readonly response: ApiResponse,
    readonly codecs: CodecFactory,
    readonly pretty: boolean,
  ) {}

  /** The negotiated response codec; fails with NotAcceptable (406). */
  get output(): NegotiatedOutput {
    this.#output ??= this.codecs.negotiateOutput(this.request.headers.accept, metaTransformRestrictions, this.pretty);
    return this.#output;
  }

  /** Returns the negotiated watch stream codec; fails with NotAcceptable (406). */
  outputStream(): NegotiatedStream {
    return this.codecs.negotiateOutputStream(this.request.headers.accept, metaTransformRestrictions, this.pretty);
  }

  /** The conversion the client asked for with `as`, `g` and `v` (Table, PartialObjectMetadata), if any. */
  get conversion(): GroupVersionKind | undefined {
    return this.output.options.convert;
  }

  /**
   * Decodes the request body with the serializer of its Content-Type. Unknown and duplicate
   * fields are rejected (Strict), sent back as warnings (Warn) or dropped silently (Ignore).
   */
  decodeBody(body: Uint8Array, expected: GroupVersionKind, validation: FieldValidation): ObjectData {
    const input = this.codecs.negotiateInput(this.request.headers["content-type"]);
    const strict = validation !== "Ignore" && input.info.strictSerializer !== undefined;
    const serializer: Serializer = strict && input.info.strictSerializer ? input.info.strictSerializer : input.info.serializer;
    if (body.length === 0) throw StatusError.badRequest("the request body is empty: send the object to write");
    const decoded = serializer.decode(body, expected);
    const object = decoded.object;
    if (object === null || typeof object !== "object" || Array.isArray(object)) throw StatusError.badRequest("the request body must be an object");
    const problems = decoded.strictErrors ?? [];
    if (problems.length > 0 && validation === "Strict") {
      const causes: StatusCause[] = problems.map((message) => ({ reason: "FieldValueInvalid", message }));
      throw StatusError.badRequest(`strict decoding error: ${problems.join(", ")}`, causes);
    }
    if (validation === "Warn") this.warnings.push(...problems);
    return object as ObjectData;
  }

  /** Encodes `body` with the negotiated serializer and sends it. */
  respond(code: number, body: object): void {
    const output = this.output;
    const bytes = output.serializer.encode(body as ObjectData);
    send(this.response, code, output.info.mediaType, bytes, this.warningHeaders());
  }

  /** Sends an error as a Status in the negotiated type, or in JSON when negotiation itself failed. */
  respondError(error: unknown): void {
    const status = statusOf(error);
    let output: NegotiatedOutput | undefined;
    try {
      output = this.output;
    } catch {
      output = undefined;
    }
    if (output && !output.options.convert) {
      try {
        send(this.response, status.code, output.info.mediaType, output.serializer.encode(status), this.warningHeaders());
        return;
      } catch {
        // Fall through to JSON when the negotiated serializer cannot encode a Status.
      }
    }
    send(this.response, status.code, "application/json", JSON.stringify(status), this.warningHeaders());
  }

  /** Returns the Warning headers, as kube-apiserver sends them: `299 - "<text>"`. */
  warningHeaders(): Record<string, string | string[]> {
    if (this.warnings.length === 0) return {};
    return { warning: this.warnings.map((text) => `299 - ${JSON.stringify(text)}`) };
  }
}
