import { allKindSchemas, allMessageSchemas } from "@apimachinery/api";
import type { StorageCodec } from "./registry/store.js";
import type { ObjectData } from "./registry/strategy.js";
import { CodecFactory, Scheme } from "@apimachinery/runtime";
import { jsonSerializerInfo, JsonSerializer } from "@apimachinery/serializer-json";
import { hasMagic, protobufSerializerInfo, ProtobufSerializer } from "@apimachinery/serializer-protobuf";
import { yamlSerializerInfo } from "@apimachinery/serializer-yaml";

const metaV1 = "k8s.io.apimachinery.pkg.apis.meta.v1";

/** Returns a Scheme with every built-in kind and its schema, plus the meta.k8s.io kinds that responses use. */
export function builtinScheme(): Scheme {
  const scheme = new Scheme("apimachinery-ts");
  scheme.schemas.add(allMessageSchemas);
  for (const kind of allKindSchemas) {
    scheme.addKnownTypes({ group: kind.group, version: kind.version }, [{ kind: kind.kind, message: kind.message }]);
  }
  for (const version of ["v1", "v1beta1"]) {
    scheme.addKnownTypes({ group: "meta.k8s.io", version }, [
      { kind: "PartialObjectMetadata", message: `${metaV1}.PartialObjectMetadata` },
      { kind: "PartialObjectMetadataList", message: `${metaV1}.PartialObjectMetadataList` },
    ]);
  }
  return scheme;
}

/** The serializers of the control plane: JSON (the default), YAML and protobuf. */
export function builtinCodecs(scheme: Scheme): CodecFactory {
  return new CodecFactory([jsonSerializerInfo({ schemas: scheme }), yamlSerializerInfo({ schemas: scheme }), protobufSerializerInfo({ schemas: scheme.schemas, kinds: scheme })]);
}

/**
 * Returns the storage codec of the control plane: built-in kinds are stored as protobuf,
 * as kube-apiserver stores them, and anything without a protobuf schema as JSON. Reads
 * tell the two apart by the `k8s\0` magic.
 */
export function storageCodec(scheme: Scheme): StorageCodec {
  const protobuf = new ProtobufSerializer({ schemas: scheme.schemas, kinds: scheme });
  const json = new JsonSerializer();
  return {
    encode(object: ObjectData) {
      const [group, version] = (object.apiVersion ?? "").includes("/") ? (object.apiVersion ?? "").split("/") : ["", object.apiVersion ?? ""];
      const known = scheme.kindSchema({ group: group ?? "", version: version ?? "", kind: object.kind ?? "" });
      return known ? protobuf.encode(object) : json.encode(object);
    },
    decode(value: Uint8Array) {
      return (hasMagic(value) ? protobuf.decode(value) : json.decode(value)).object as ObjectData;
    },
  };
}
