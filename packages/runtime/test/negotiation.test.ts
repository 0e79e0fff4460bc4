import { describe, expect, test } from "vitest";
import { type StatusError, isNotAcceptable, isUnsupportedMediaType } from "@apimachinery/meta";
import {
  CodecFactory,
  metaTransformRestrictions,
  parseAccept,
  parseMediaType,
  formatMediaType,
  type Framer,
  type Serializer,
  type SerializerInfo,
} from "@apimachinery/runtime";

function fakeSerializer(mediaType: string, identifier: string): Serializer {
  return {
    mediaType,
    identifier,
    encode: () => new Uint8Array(),
    decode: () => ({ object: {}, gvk: { group: "", version: "", kind: "" } }),
  };
}

const framer: Framer = {
  newFrameWriter: () => ({ frame: (payload) => payload }),
  newFrameReader: () => ({ push: () => [], idle: true }),
};

function info(mediaType: string, options: { stream?: string; pretty?: boolean; text?: boolean } = {}): SerializerInfo {
  const [type = "", subType = ""] = mediaType.split("/");
  const serializer = fakeSerializer(mediaType, mediaType);
  return {
    mediaType,
    mediaTypeType: type,
    mediaTypeSubType: subType,
    encodesAsText: options.text ?? true,
    serializer,
    ...(options.pretty ? { prettySerializer: fakeSerializer(mediaType, `${mediaType} pretty`) } : {}),
    ...(options.stream ? { streamSerializer: { serializer, framer, mediaType: options.stream } } : {}),
  };
}

const protobuf = "application/vnd.kubernetes.protobuf";
const factory = new CodecFactory([
  info("application/json", { stream: "application/json", pretty: true }),
  info("application/yaml", { pretty: false }),
  info(protobuf, { stream: `${protobuf};stream=watch`, text: false }),
]);

describe("parseMediaType", () => {
  test.each([
    ["application/json", { type: "application", subType: "json", parameters: {} }],
    ["Application/JSON; Charset=UTF-8", { type: "application", subType: "json", parameters: { charset: "UTF-8" } }],
    ["application/json;as=Table;g=meta.k8s.io;v=v1", { type: "application", subType: "json", parameters: { as: "Table", g: "meta.k8s.io", v: "v1" } }],
    ['application/json; profile="a;b,c"', { type: "application", subType: "json", parameters: { profile: "a;b,c" } }],
    ["*/*", { type: "*", subType: "*", parameters: {} }],
    ["application/*", { type: "application", subType: "*", parameters: {} }],
  ])("%s", (text, expected) => {
    expect(parseMediaType(text)).toEqual(expected);
  });

  test.each(["", "json", "application/", "/json", "*/json", "application/json;charset", "application/json;a=b c", "appli cation/json", 'application/json;a="open'])(
    "rejects %j",
    (text) => {
      expect(parseMediaType(text)).toBeUndefined();
    },
  );

  test("format round trip", () => {
    expect(formatMediaType({ type: "application", subType: "json", parameters: { stream: "watch", note: "a b" } })).toBe(
      'application/json;stream=watch;note="a b"',
    );
  });
});

describe("parseAccept", () => {
  test("orders by q then specificity", () => {
    const clauses = parseAccept("*/*;q=0.1, application/*;q=0.5, application/yaml;q=0.5, application/json;q=0.9");
    expect(clauses.map((clause) => `${clause.type}/${clause.subType}`)).toEqual(["application/json", "application/yaml", "application/*", "*/*"]);
    expect(clauses.map((clause) => clause.q)).toEqual([0.9, 0.5, 0.5, 0.1]);
  });

  test("drops q=0 and malformed ranges", () => {
    const clauses = parseAccept("application/json;q=0, garbage, application/yaml;q=2, text/plain;q=0.500");
    expect(clauses.map((clause) => `${clause.type}/${clause.subType}`)).toEqual(["text/plain"]);
  });

  test("keeps parameters without q", () => {
    const [clause] = parseAccept("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.9");
    expect(clause?.parameters).toEqual({ as: "Table", v: "v1", g: "meta.k8s.io" });
  });
});

describe("CodecFactory.negotiateOutput", () => {
  test.each([
    [undefined, "application/json"],
    ["", "application/json"],
    ["*/*", "application/json"],
    ["application/*", "application/json"],
    ["application/yaml", "application/yaml"],
    [protobuf, protobuf],
    [`${protobuf}, application/json`, protobuf],
    [`${protobuf};q=0.5, application/json`, "application/json"],
    ["text/html, application/yaml;q=0.2", "application/yaml"],
    ["application/json;q=0.1, */*;q=0.9", "application/json"],
    ["APPLICATION/YAML", "application/yaml"],
    ["application/json;charset=utf-8", "application/json"],
    ["application/json;stream=watch", "application/json"],
    ["application/yaml;stream=watch, application/json", "application/json"],
    ["application/json;as=Table;g=meta.k8s.io;v=v1, application/yaml", "application/yaml"],
  ])("Accept %j picks %s", (accept, mediaType) => {
    expect(factory.negotiateOutput(accept).info.mediaType).toBe(mediaType);
  });

  test.each([
    ["text/html"],
    ["application/xml, text/plain;q=0.5"],
    ["application/json;q=0"],
    ["application/json;as=Table;g=meta.k8s.io;v=v1"],
    ["application/yaml;stream=watch"],
  ])("Accept %j is not acceptable", (accept) => {
    let caught: unknown;
    try {
      factory.negotiateOutput(accept);
    } catch (error) {
      caught = error;
    }
    expect(isNotAcceptable(caught)).toBe(true);
    expect((caught as StatusError).code).toBe(406);
    expect((caught as StatusError).message).toBe(
      `only the following media types are accepted: application/json, application/yaml, ${protobuf}`,
    );
  });

  test.each([
    ["application/json;as=Table;g=meta.k8s.io;v=v1", "application/json", { group: "meta.k8s.io", version: "v1", kind: "Table" }],
    ["application/json;as=Table;g=meta.k8s.io;v=v1beta1", "application/json", { group: "meta.k8s.io", version: "v1beta1", kind: "Table" }],
    [`${protobuf};as=Table;g=meta.k8s.io;v=v1, application/json`, "application/json", undefined],
    [`${protobuf};as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`, protobuf, { group: "meta.k8s.io", version: "v1", kind: "PartialObjectMetadataList" }],
    ["application/json;as=Table;g=apps;v=v1, application/yaml", "application/yaml", undefined],
    ["application/json;as=Table, application/yaml", "application/yaml", undefined],
    [
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
      "application/json",
      { group: "meta.k8s.io", version: "v1", kind: "Table" },
    ],
    [
      `${protobuf};as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json`,
      protobuf,
      { group: "meta.k8s.io", version: "v1", kind: "PartialObjectMetadataList" },
    ],
    ["application/json;as=Pod;g=;v=v1, application/json", "application/json", undefined],
  ])("transform %j", (accept, mediaType, convert) => {
    const negotiated = factory.negotiateOutput(accept, metaTransformRestrictions);
    expect(negotiated.info.mediaType).toBe(mediaType);
    expect(negotiated.options.convert).toEqual(convert);
  });

  test("pretty parameter picks the pretty serializer", () => {
    const negotiated = factory.negotiateOutput("application/json;pretty=1");
    expect(negotiated.options.pretty).toBe(true);
    expect(negotiated.serializer.identifier).toBe("application/json pretty");
  });

  test("pretty flag picks the pretty serializer", () => {
    expect(factory.negotiateOutput("application/json", undefined, true).serializer.identifier).toBe("application/json pretty");
  });

  test("pretty falls back without a pretty serializer", () => {
    expect(factory.negotiateOutput("application/yaml;pretty=1").serializer.identifier).toBe("application/yaml");
  });

  test("default restrictions reject every transform", () => {
    expect(() => factory.negotiateOutput("application/json;as=Table;g=meta.k8s.io;v=v1")).toThrow(/only the following media types are accepted/);
  });

  test("quoted parameter values", () => {
    const negotiated = factory.negotiateOutput('application/json;as="Table";g="meta.k8s.io";v="v1"', metaTransformRestrictions);
    expect(negotiated.options.convert).toEqual({ group: "meta.k8s.io", version: "v1", kind: "Table" });
  });

  test("unknown parameters are reported", () => {
    const negotiated = factory.negotiateOutput("application/json;foo=bar;charset=utf-8");
    expect(negotiated.options.unrecognized).toEqual(["foo", "charset"]);
    expect(negotiated.parameters).toEqual({ foo: "bar", charset: "utf-8" });
  });
});

describe("CodecFactory.negotiateOutputStream", () => {
  test.each([
    [undefined, "application/json", "application/json"],
    ["*/*", "application/json", "application/json"],
    [`${protobuf};stream=watch`, protobuf, `${protobuf};stream=watch`],
    [`application/yaml, ${protobuf}`, protobuf, `${protobuf};stream=watch`],
  ])("Accept %j streams %s", (accept, mediaType, streamMediaType) => {
    const negotiated = factory.negotiateOutputStream(accept);
    expect(negotiated.info.mediaType).toBe(mediaType);
    expect(negotiated.streamMediaType).toBe(streamMediaType);
    expect(negotiated.framer).toBe(framer);
  });

  test("yaml has no stream", () => {
    expect(() => factory.negotiateOutputStream("application/yaml")).toThrow(`only the following media types are accepted: application/json, ${protobuf}`);
  });
});

describe("CodecFactory.negotiateInput", () => {
  test.each([
    [undefined, "application/json", {}],
    ["", "application/json", {}],
    ["application/json", "application/json", {}],
    ["application/json; charset=utf-8", "application/json", { charset: "utf-8" }],
    ["Application/YAML", "application/yaml", {}],
    [protobuf, protobuf, {}],
  ])("Content-Type %j", (contentType, mediaType, parameters) => {
    const negotiated = factory.negotiateInput(contentType);
    expect(negotiated.info.mediaType).toBe(mediaType);
    expect(negotiated.parameters).toEqual(parameters);
  });

  test.each(["text/plain", "application/*", "*/*", "application/xml", "json", "application/json;charset", "application/merge-patch+json"])(
    "Content-Type %j is unsupported",
    (contentType) => {
      let caught: unknown;
      try {
        factory.negotiateInput(contentType);
      } catch (error) {
        caught = error;
      }
      expect(isUnsupportedMediaType(caught)).toBe(true);
      expect((caught as StatusError).code).toBe(415);
      expect((caught as StatusError).message).toContain(contentType);
    },
  );

  test("stream input rejects yaml", () => {
    expect(() => factory.negotiateInputStream("application/yaml")).toThrow(`accepted media types include: application/json, ${protobuf}`);
  });
});
