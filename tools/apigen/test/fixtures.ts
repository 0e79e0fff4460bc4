import type { ProtoSource } from "../src/index.js";

/** A small stand-in for meta/v1: Time (a special shape), ObjectMeta and ListMeta. */
export const META_PROTO: ProtoSource = {
  file: "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto",
  text: `
syntax = "proto2";
package k8s.io.apimachinery.pkg.apis.meta.v1;

message Time {
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}

message ObjectMeta {
  optional string name = 1;
  // +optional
  map<string, string> labels = 11;
  optional Time creationTimestamp = 8;
}

message ListMeta {
  optional string resourceVersion = 2;
}
`,
};

/** A made-up apps/v1 with markers, an embedded struct, a renamed field, a list kind and a StringList. */
export const APPS_PROTO: ProtoSource = {
  file: "k8s.io/api/apps/v1/generated.proto",
  text: `
syntax = "proto2";
package k8s.io.api.apps.v1;
import "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto";

// Widget is a test kind.
message Widget {
  // Standard metadata.
  // +optional
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;

  optional WidgetSpec spec = 2;
}

message WidgetList {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta metadata = 1;
  repeated Widget items = 2;
}

// +structType=atomic
message WidgetSpec {
  // Ports of the widget.
  // +optional
  // +patchMergeKey=port
  // +patchStrategy=merge
  // +listType=map
  // +listMapKey=port
  // +listMapKey=protocol
  repeated Port ports = 3;

  // +mapType=atomic
  map<string, int64> weights = 1;

  optional Reference reference = 2;

  optional string uRL = 4;

  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time startTime = 5;
}

message Port {
  optional int32 port = 1;
  optional string protocol = 2;
  optional bytes payload = 3;
  optional double ratio = 4;
}

message Reference {
  optional string target = 1;
}
`,
};

/** The JSON of a Widget as Go writes it: `reference` is embedded, `uRL` is written as `url`. */
export const WIDGET_JSON = {
  apiVersion: "apps/v1",
  kind: "Widget",
  metadata: { name: "nameValue", labels: { a: "b" }, creationTimestamp: "2008-01-01T01:01:01Z" },
  spec: {
    ports: [{ port: 1, protocol: "TCP", payload: "AQ==", ratio: 0.5 }],
    weights: { a: 1 },
    target: "targetValue",
    url: "urlValue",
    startTime: "2008-01-01T01:01:01Z",
  },
};
