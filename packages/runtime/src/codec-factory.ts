import { StatusError, type GroupVersionKind } from "@apimachinery/meta";
import type { Framer, Serializer, SerializerInfo } from "./codec.js";
import { parseAccept, parseMediaType } from "./media-type.js";

/** The transformations and stream schemas that an endpoint serves beyond its plain objects. */
export interface EndpointRestrictions {
  /**
   * Reports whether the endpoint can send `target` (from `as`, `g` and `v` parameters) in
   * the given media type. `target` is undefined when no transformation is requested.
   */
  allowsMediaTypeTransform(info: SerializerInfo, target: GroupVersionKind | undefined): boolean;
  /** Reports whether the endpoint serves the stream schema named by a `stream` parameter (`watch`). */
  allowsStreamSchema(schema: string): boolean;
}

/** The restrictions of an endpoint that serves its objects as they are, and watch streams. */
export const defaultEndpointRestrictions: EndpointRestrictions = {
  allowsMediaTypeTransform: (_info, target) => target === undefined,
  allowsStreamSchema: (schema) => schema === "watch",
};

/**
 * The restrictions of a resource endpoint of kube-apiserver: besides plain objects it sends
 * `Table` (JSON and YAML only) and `PartialObjectMetadata(List)` of meta.k8s.io v1 and v1beta1.
 */
export const metaTransformRestrictions: EndpointRestrictions = {
  allowsMediaTypeTransform: (info, target) => {
    if (target === undefined) return true;
    if (target.group !== "meta.k8s.io" || (target.version !== "v1" && target.version !== "v1beta1")) return false;
    if (target.kind === "Table") return info.mediaTypeType === "application" && (info.mediaTypeSubType === "json" || info.mediaTypeSubType === "yaml");
    return target.kind === "PartialObjectMetadata" || target.kind === "PartialObjectMetadataList";
  },
  allowsStreamSchema: (schema) => schema === "watch",
};

/** The options an `Accept` media range carries, as kube-apiserver reads them. */
export interface MediaTypeOptions {
  /** The kind to send instead of the object (`as`, `g`, `v`), such as `meta.k8s.io/v1, Kind=Table`. */
  readonly convert?: GroupVersionKind;
  /** Indented output, from `pretty=1` or the caller's `pretty` flag (the `?pretty=true` query). */
  readonly pretty: boolean;
  /** The stream schema (`stream=watch`), when given. */
  readonly stream?: string;
  /** Parameter names that were not understood; they do not make the range unacceptable. */
  readonly unrecognized: readonly string[];
}

/** The outcome of negotiating a response's media type. */
export interface NegotiatedOutput {
  readonly info: SerializerInfo;
  /** The serializer to encode with: the pretty variant when requested and available. */
  readonly serializer: Serializer;
  /** The parameters of the chosen `Accept` media range, without `q`. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly options: MediaTypeOptions;
}

/** The outcome of negotiating a request body's media type. */
export interface NegotiatedInput {
  readonly info: SerializerInfo;
  /** The parameters of the `Content-Type`, such as `charset`. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** The outcome of negotiating a watch stream's media type. */
export interface NegotiatedStream extends NegotiatedOutput {
  readonly framer: Framer;
  /** The media type of the stream, such as `application/vnd.kubernetes.protobuf;stream=watch`. */
  readonly streamMediaType: string;
  /** The serializer of each event in the stream. */
  readonly streamSerializer: Serializer;
}

function readOptions(parameters: Readonly<Record<string, string>>, pretty: boolean): MediaTypeOptions {
  const convert: { group: string; version: string; kind: string } = { group: "", version: "", kind: "" };
  let converts = false;
  let stream: string | undefined;
  const unrecognized: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (name === "as") convert.kind = value;
    else if (name === "g") convert.group = value;
    else if (name === "v") convert.version = value;
    else if (name === "pretty") pretty ||= value === "1";
    else if (name === "stream") stream = value;
    else unrecognized.push(name);
    if (name === "as" || name === "g" || name === "v") converts = true;
  }
  return { pretty, unrecognized, ...(converts ? { convert } : {}), ...(stream !== undefined && stream !== "" ? { stream } : {}) };
}

/**
 * Chooses serializers by media type: the response's from an `Accept` header and the
 * request's from a `Content-Type` header, rejecting an unsupported type with a
 * NotAcceptable (406) or UnsupportedMediaType (415) StatusError. It takes SerializerInfo
 * values, so the runtime depends on no serializer.
 */
export class CodecFactory {
  readonly #infos: readonly SerializerInfo[];

  /** Creates a factory over `infos`; the first is the default for a request that names no media type. */
  constructor(infos: readonly SerializerInfo[]) {
    if (infos.length === 0) throw new TypeError("CodecFactory needs at least one SerializerInfo");
    this.#infos = infos;
  }

  /** Returns the supported media types, the default first. */
  supportedMediaTypes(): readonly SerializerInfo[] {
    return this.#infos;
  }

  /** Returns the SerializerInfo of a media type without parameters, or undefined. */
  serializerForMediaType(mediaType: string): SerializerInfo | undefined {
    const parsed = parseMediaType(mediaType);
    if (parsed === undefined) return undefined;
    return this.#infos.find((info) => info.mediaTypeType === parsed.type && info.mediaTypeSubType === parsed.subType);
  }

  /**
   * Chooses the response serializer for an `Accept` header: the most preferred range that a
   * supported media type matches (`*` wildcards included) and whose parameters the endpoint
   * allows. An absent or empty header gets the default. Fails with a NotAcceptable
   * StatusError listing the supported media types when no range fits.
   */
  negotiateOutput(
    accept: string | undefined,
    restrictions: EndpointRestrictions = defaultEndpointRestrictions,
    pretty = false,
  ): NegotiatedOutput {
    return this.#negotiate(accept, this.#infos, restrictions, pretty);
  }

  /**
   * Chooses the serializer and framing of a watch stream for an `Accept` header, among the
   * media types that support streams. Fails with a NotAcceptable StatusError otherwise.
   */
  negotiateOutputStream(
    accept: string | undefined,
    restrictions: EndpointRestrictions = defaultEndpointRestrictions,
    pretty = false,
  ): NegotiatedStream {
    const streaming = this.#infos.filter((info) => info.streamSerializer !== undefined);
    const output = this.#negotiate(accept, streaming, restrictions, pretty);
    const stream = output.info.streamSerializer;
    if (stream === undefined) throw StatusError.notAcceptable(streaming.map((info) => info.mediaType));
    return { ...output, framer: stream.framer, streamMediaType: stream.mediaType, streamSerializer: stream.serializer };
  }

  #negotiate(
    accept: string | undefined,
    candidates: readonly SerializerInfo[],
    restrictions: EndpointRestrictions,
    pretty: boolean,
  ): NegotiatedOutput {
    const fallback = candidates[0];
    if ((accept === undefined || accept.trim() === "") && fallback !== undefined) {
      return this.#result(fallback, {}, readOptions({}, pretty));
    }
    for (const clause of parseAccept(accept ?? "")) {
      for (const info of candidates) {
        const typeMatches = clause.type === "*" || clause.type === info.mediaTypeType;
        const subTypeMatches = clause.subType === "*" || clause.subType === info.mediaTypeSubType;
        if (!typeMatches || !subTypeMatches) continue;
        const options = readOptions(clause.parameters, pretty);
        if (options.stream !== undefined && (info.streamSerializer === undefined || !restrictions.allowsStreamSchema(options.stream))) continue;
        if (!restrictions.allowsMediaTypeTransform(info, options.convert)) continue;
        return this.#result(info, clause.parameters, options);
      }
    }
    throw StatusError.notAcceptable(candidates.map((info) => info.mediaType));
  }

  #result(info: SerializerInfo, parameters: Readonly<Record<string, string>>, options: MediaTypeOptions): NegotiatedOutput {
    const serializer = options.pretty && info.prettySerializer !== undefined ? info.prettySerializer : info.serializer;
    return { info, serializer, parameters, options };
  }

  /**
   * Chooses the request serializer for a `Content-Type` header; an absent or empty header
   * gets the default. Fails with an UnsupportedMediaType StatusError listing the supported
   * media types when the type is malformed or not supported.
   */
  negotiateInput(contentType: string | undefined): NegotiatedInput {
    return this.#negotiateInput(contentType, this.#infos);
  }

  /** Chooses the serializer of an incoming watch stream, among the media types that support streams. */
  negotiateInputStream(contentType: string | undefined): NegotiatedInput {
    return this.#negotiateInput(
      contentType,
      this.#infos.filter((info) => info.streamSerializer !== undefined),
    );
  }

  #negotiateInput(contentType: string | undefined, candidates: readonly SerializerInfo[]): NegotiatedInput {
    const fallback = candidates[0];
    if ((contentType === undefined || contentType.trim() === "") && fallback !== undefined) return { info: fallback, parameters: {} };
    const parsed = parseMediaType(contentType ?? "");
    const info = parsed === undefined ? undefined : candidates.find((candidate) => candidate.mediaTypeType === parsed.type && candidate.mediaTypeSubType === parsed.subType);
    if (parsed === undefined || info === undefined) {
      throw StatusError.unsupportedMediaType(contentType ?? "", candidates.map((candidate) => candidate.mediaType));
    }
    return { info, parameters: parsed.parameters };
  }
}
