import { isBadRequest, isStatusError } from "@apimachinery/meta";
import { Scheme, type MessageSchema } from "@apimachinery/runtime";
import { describe, expect, test } from "vitest";
import { YamlSerializer, yamlSerializer, yamlSerializerInfo } from "../src/index.js";

const strictYamlSerializer = new YamlSerializer({ strict: true });

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Returns the value at `path` inside nested objects and arrays. */
function valueAt(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current;
}

/** Returns the error that `run` raises, failing the test when it succeeds. */
function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    enabled: yes
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        securityContext:
          runAsUser: 9007199254740993
      volumes:
      - name: config
        configMap:
          defaultMode: 0644
`;

describe("YamlSerializer.decode", () => {
  test("reads the group-version-kind", () => {
    const decoded = yamlSerializer.decode(bytes(deployment));
    expect(decoded.gvk).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
    expect(decoded.strictErrors).toBeUndefined();
  });

  test("applies YAML 1.1 rules to values", () => {
    const object = yamlSerializer.decode(bytes(deployment)).object;
    expect(valueAt(object, "metadata", "labels", "enabled")).toBe(true);
    const podSpec = valueAt(object, "spec", "template", "spec");
    expect(valueAt(podSpec, "volumes", 0, "configMap", "defaultMode")).toBe(420);
    expect(valueAt(podSpec, "containers", 0, "securityContext", "runAsUser")).toBe(9007199254740993n);
  });

  test("accepts a string", () => {
    expect(yamlSerializer.decode("apiVersion: v1\nkind: Pod\n").gvk).toEqual({ group: "", version: "v1", kind: "Pod" });
  });

  test.each([
    ["kind from defaults", "apiVersion: v1\n", { kind: "Pod" }, { group: "", version: "v1", kind: "Pod" }],
    ["group and version from defaults", "kind: Deployment\n", { group: "apps", version: "v1" }, { group: "apps", version: "v1", kind: "Deployment" }],
    ["version for the default group", "apiVersion: apps/\nkind: Deployment\n", { group: "apps", version: "v1" }, { group: "apps", version: "v1", kind: "Deployment" }],
    ["data wins over defaults", "apiVersion: batch/v1\nkind: Job\n", { group: "apps", version: "v1", kind: "Deployment" }, { group: "batch", version: "v1", kind: "Job" }],
  ])("%s", (_name, text, defaults, expected) => {
    expect(yamlSerializer.decode(bytes(text), defaults).gvk).toEqual(expected);
  });

  test.each([
    ["missing kind", "apiVersion: v1\nmetadata: {}\n", "Object 'Kind' is missing in 'apiVersion: v1"],
    ["empty document", "", "Object 'Kind' is missing in ''"],
    ["comment only", "# nothing\n", "Object 'Kind' is missing"],
    ["top-level list", "- apiVersion: v1\n  kind: Pod\n", "line 1: expected an object, got array"],
    ["top-level scalar", "hello\n", "line 1: expected an object, got string"],
    ["top-level number", "\n\n42\n", "line 3: expected an object, got number"],
    ["non-string kind", "apiVersion: v1\nkind: 7\n", 'cannot unmarshal number into field "kind" of type string'],
    ["boolean apiVersion", "apiVersion: yes\nkind: Pod\n", 'cannot unmarshal boolean into field "apiVersion" of type string'],
    ["bad apiVersion", "apiVersion: a/b/c\nkind: Pod\n", "unexpected GroupVersion string: a/b/c"],
    ["malformed YAML", "apiVersion: v1\nkind: Pod\n metadata: x\n", "line 3, column 10"],
  ])("%s is a BadRequest", (_name, text, message) => {
    const error = errorOf(() => yamlSerializer.decode(bytes(text)));
    expect(isStatusError(error)).toBe(true);
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  test("reads only the first document", () => {
    const decoded = yamlSerializer.decode(bytes("apiVersion: v1\nkind: Pod\n---\nnot: [valid\n"));
    expect(decoded.object).toEqual({ apiVersion: "v1", kind: "Pod" });
  });

  test("long input is shortened in the missing-kind message", () => {
    const text = `metadata:\n  annotations:\n    a: "${"x".repeat(1000)}"\n`;
    const error = errorOf(() => yamlSerializer.decode(bytes(text)));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message.endsWith("...'")).toBe(true);
  });
});

describe("YamlSerializer.decodeAll", () => {
  test("decodes every object of a stream", () => {
    const stream = `# objects\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  on: off\n---\n---\napiVersion: v1\nkind: Secret\n...\n`;
    const decoded = yamlSerializer.decodeAll(bytes(stream));
    expect(decoded.map((entry) => entry.gvk.kind)).toEqual(["ConfigMap", "Secret"]);
    expect(decoded[0]?.object).toEqual({ apiVersion: "v1", kind: "ConfigMap", data: { true: false } });
  });

  test("names the document that lacks a kind", () => {
    const error = errorOf(() => yamlSerializer.decodeAll(bytes("apiVersion: v1\nkind: Pod\n---\napiVersion: v1\n")));
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toBe("Object 'Kind' is missing in the document at line 4");
  });

  test("names the line of a list document", () => {
    const error = errorOf(() => yamlSerializer.decodeAll(bytes("apiVersion: v1\nkind: Pod\n---\n- a\n")));
    expect(error.message).toContain("line 4: expected an object, got array");
  });
});

describe("strict decoding", () => {
  test("reports a duplicate key", () => {
    const decoded = strictYamlSerializer.decode(bytes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n"));
    expect(decoded.object).toEqual({ apiVersion: "v1", kind: "Pod", metadata: { name: "b" } });
    expect(decoded.strictErrors).toEqual(['line 5: key "name" already set in map']);
  });

  test("reports keys that resolve to the same value", () => {
    const decoded = strictYamlSerializer.decode(bytes("apiVersion: v1\nkind: Pod\ndata:\n  yes: 1\n  'true': 2\n"));
    expect(decoded.strictErrors).toEqual(['line 5: key "true" already set in map']);
  });

  test("reports every duplicate key", () => {
    const text = "apiVersion: v1\nkind: Pod\nkind: Pod\ndata:\n  c: 1\n  'c': 2\n  d: {e: 1, e: 2}\n";
    expect(strictYamlSerializer.decode(bytes(text)).strictErrors).toEqual([
      'line 3: key "kind" already set in map',
      'line 6: key "c" already set in map',
      'line 7: key "e" already set in map',
    ]);
  });

  test.each([
    ["bool keys", "yes: 1\ntrue: 2\n", "line 5: key true already set in map"],
    ["integer keys", "1: a\n0x1: b\n", "line 5: key 1 already set in map"],
    ["quoted keys", "\"a b\": 1\n'a b': 2\n", 'line 5: key "a b" already set in map'],
  ])("prints %s as go-yaml does", (_name, data, message) => {
    const text = `apiVersion: v1\nkind: Pod\ndata:\n${data.replace(/^/gm, "  ").trimEnd()}\n`;
    expect(strictYamlSerializer.decode(bytes(text)).strictErrors).toEqual([message]);
  });

  test("names the line of a block value", () => {
    const text = "apiVersion: v1\nkind: Pod\nspec:\n  x: 1\nspec: # again\n\n  y: 2\n";
    expect(strictYamlSerializer.decode(bytes(text)).strictErrors).toEqual(['line 7: key "spec" already set in map']);
  });

  test("decodeAll assigns duplicates to their document", () => {
    const stream = "apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Pod\nx: 1\nx: 2\n---\napiVersion: v1\nkind: Pod\n";
    const decoded = strictYamlSerializer.decodeAll(bytes(stream));
    expect(decoded.map((entry) => entry.strictErrors)).toEqual([undefined, ['line 7: key "x" already set in map'], undefined]);
  });

  test("decode ignores duplicates in later documents", () => {
    const stream = "apiVersion: v1\nkind: Pod\n---\nx: 1\nx: 2\n";
    expect(strictYamlSerializer.decode(bytes(stream)).strictErrors).toBeUndefined();
  });

  test("finds duplicates after a go-yaml escape", () => {
    const text = String.raw`apiVersion: v1
kind: Pod
note: "it\'s"
note: again
`;
    expect(strictYamlSerializer.decode(bytes(text)).strictErrors).toEqual(['line 4: key "note" already set in map']);
  });

  test("clean input has no strict errors", () => {
    expect(strictYamlSerializer.decode(bytes(deployment)).strictErrors).toBeUndefined();
  });

  test("lenient decoding keeps the last duplicate", () => {
    const decoded = yamlSerializer.decode(bytes("apiVersion: v1\nkind: Pod\nkind: Service\n"));
    expect(decoded.gvk.kind).toBe("Service");
    expect(decoded.strictErrors).toBeUndefined();
  });
});

describe("YamlSerializer.encode", () => {
  test("writes kubectl-style YAML", () => {
    const object = {
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: { name: "settings", creationTimestamp: "2008-01-01T01:01:01Z", labels: { tier: "on" } },
      data: { mode: "0755", enabled: "yes", script: "echo hi\nexit 0\n", empty: "" },
    };
    const text = decoder.decode(yamlSerializer.encode(object));
    expect(text).toBe(
      [
        "apiVersion: v1",
        "data:",
        '  empty: ""',
        '  enabled: "yes"',
        '  mode: "0755"',
        "  script: |",
        "    echo hi",
        "    exit 0",
        "kind: ConfigMap",
        "metadata:",
        '  creationTimestamp: "2008-01-01T01:01:01Z"',
        "  labels:",
        '    tier: "on"',
        "  name: settings",
        "",
      ].join("\n"),
    );
  });

  test("round-trips through decode", () => {
    const decoded = yamlSerializer.decode(bytes(deployment));
    const again = yamlSerializer.decode(yamlSerializer.encode(decoded.object));
    expect(again.object).toEqual(decoded.object);
    expect(again.gvk).toEqual(decoded.gvk);
  });

  test("writes bigints as bare integers", () => {
    const text = decoder.decode(yamlSerializer.encode({ apiVersion: "v1", kind: "X", value: 9007199254740993n } as never));
    expect(text).toContain("value: 9007199254740993\n");
  });
});

describe("yamlSerializerInfo", () => {
  const info = yamlSerializerInfo();

  test("describes application/yaml", () => {
    expect(info.mediaType).toBe("application/yaml");
    expect(info.mediaTypeType).toBe("application");
    expect(info.mediaTypeSubType).toBe("yaml");
    expect(info.encodesAsText).toBe(true);
    expect(info.streamSerializer).toBeUndefined();
    expect(info.prettySerializer).toBeUndefined();
  });

  test("serializers carry the media type and distinct identifiers", () => {
    expect(info.serializer.mediaType).toBe("application/yaml");
    expect(info.strictSerializer?.mediaType).toBe("application/yaml");
    expect(info.serializer.identifier).not.toBe(info.strictSerializer?.identifier);
  });

  test("custom limits apply to both serializers", () => {
    const small = yamlSerializerInfo({ maxBytes: 10 });
    expect(isBadRequest(errorOf(() => small.serializer.decode(bytes("apiVersion: v1\nkind: Pod\n"))))).toBe(true);
    expect(isBadRequest(errorOf(() => small.strictSerializer?.decode(bytes("apiVersion: v1\nkind: Pod\n"))))).toBe(true);
  });

  test("strict serializer reports duplicate keys", () => {
    const decoded = info.strictSerializer?.decode(bytes("apiVersion: v1\nkind: Pod\nkind: Pod\n"));
    expect(decoded?.strictErrors).toEqual(['line 3: key "kind" already set in map']);
  });
});

describe("strict decoding with schemas", () => {
  const string = { kind: "scalar", scalar: "string" } as const;
  const messages: MessageSchema[] = [
    { name: "test.ObjectMeta", fields: [{ name: "name", number: 1, type: string }] },
    {
      name: "test.Widget",
      fields: [
        { name: "metadata", number: 1, type: { kind: "message", message: "test.ObjectMeta" } },
        { name: "spec", number: 2, type: { kind: "message", message: "test.WidgetSpec" } },
      ],
    },
    { name: "test.WidgetSpec", fields: [{ name: "mode", number: 1, type: string }] },
  ];
  const scheme = new Scheme("yaml-strict-test").addKnownTypes({ group: "example.com", version: "v1" }, [{ kind: "Widget", message: "test.Widget" }]);
  scheme.schemas.add(messages);
  const strict = yamlSerializerInfo({ schemas: scheme }).strictSerializer;

  test("reports unknown fields", () => {
    const text = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\nspec:\n  mode: on\n  moed: off\n";
    expect(strict?.decode(bytes(text)).strictErrors).toEqual(['unknown field "spec.moed"']);
  });

  test("reports duplicates before unknown fields", () => {
    const text = "apiVersion: example.com/v1\nkind: Widget\nspec:\n  mode: a\n  mode: b\nextra: 1\n";
    expect(strict?.decode(bytes(text)).strictErrors).toEqual(['line 5: key "mode" already set in map', 'unknown field "extra"']);
  });

  test("known fields pass", () => {
    const text = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\nspec:\n  mode: \"on\"\n";
    expect(strict?.decode(bytes(text)).strictErrors).toBeUndefined();
  });
});
