import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScheme, type ResourceInfo } from "@apimachinery/apiserver";
import { builtinResources, startControlPlane, type ControlPlane } from "@apimachinery/server";
import { builtinStrategy } from "../src/strategies.js";

interface Response {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

let plane: ControlPlane;
let dataDir: string;
let tls: { ca: Buffer; cert: Buffer; key: Buffer };

/** Sends one JSON request to the control plane with the admin client certificate. */
function send(method: string, urlPath: string, body?: unknown): Promise<Response> {
  const url = new URL(urlPath, plane.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        ...tls,
        headers: { accept: "application/json", ...(payload !== undefined ? { "content-type": "application/json" } : {}) },
        timeout: 10_000,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => {
          try {
            resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`${method} ${urlPath} timed out`)));
    outgoing.on("error", reject);
    outgoing.end(payload);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "apimachinery-strategies-"));
  plane = await startControlPlane({ dataDir, securePort: 0, storage: "memory" });
  const pki = path.join(dataDir, "pki");
  tls = {
    ca: await readFile(path.join(pki, "ca.crt")),
    cert: await readFile(path.join(pki, "admin.crt")),
    key: await readFile(path.join(pki, "admin.key")),
  };
});

afterAll(async () => {
  await plane?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const deploymentsPath = "/apis/apps/v1/namespaces/default/deployments";

function minimalDeployment(name: string): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } },
    },
  };
}

describe("built-in strategies over REST", () => {
  it("returns a created Deployment defaulted", async () => {
    const created = await send("POST", deploymentsPath, minimalDeployment("web"));
    expect(created.status).toBe(201);
    const spec = created.body["spec"] as Record<string, unknown>;
    expect(spec["replicas"]).toBe(1);
    expect(spec["revisionHistoryLimit"]).toBe(10);
    expect(spec["progressDeadlineSeconds"]).toBe(600);
    expect(spec["strategy"]).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    const podSpec = (spec["template"] as Record<string, Record<string, unknown>>)["spec"]!;
    expect(podSpec["restartPolicy"]).toBe("Always");
    expect(podSpec["dnsPolicy"]).toBe("ClusterFirst");
    expect(podSpec["schedulerName"]).toBe("default-scheduler");
    expect(podSpec["terminationGracePeriodSeconds"]).toBe(30);
    expect(podSpec["securityContext"]).toEqual({});
    const container = (podSpec["containers"] as Record<string, unknown>[])[0]!;
    expect(container["imagePullPolicy"]).toBe("Always");
    expect(container["terminationMessagePath"]).toBe("/dev/termination-log");
    expect(container["terminationMessagePolicy"]).toBe("File");

    const stored = await send("GET", `${deploymentsPath}/web`);
    expect(stored.body["spec"]).toEqual(created.body["spec"]);
  });

  it("rejects an invalid Deployment with one cause per field", async () => {
    const invalid = minimalDeployment("Bad_Name");
    const spec = invalid["spec"] as Record<string, unknown>;
    spec["replicas"] = -1;
    (spec["template"] as Record<string, Record<string, unknown>>)["spec"]!["containers"] = [{ name: "nginx" }];
    const response = await send("POST", deploymentsPath, invalid);
    expect(response.status).toBe(422);
    expect(response.body["reason"]).toBe("Invalid");
    const causes = (response.body["details"] as Record<string, unknown>)["causes"] as Record<string, string>[];
    expect(causes.map((cause) => [cause["reason"], cause["field"]])).toEqual([
      ["FieldValueInvalid", "metadata.name"],
      ["FieldValueInvalid", "spec.replicas"],
      ["FieldValueRequired", "spec.template.spec.containers[0].image"],
    ]);
    expect(causes[0]!["message"]).toContain('Invalid value: "Bad_Name"');
    expect(response.body["message"]).toContain('"Bad_Name" is invalid');
  });

  it("stores a Pod's cpu in canonical form", async () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "half-cpu" },
      spec: { containers: [{ name: "app", image: "busybox:1.36", resources: { limits: { cpu: "0.5", memory: "1024Mi" } } }] },
    };
    const created = await send("POST", "/api/v1/namespaces/default/pods", pod);
    expect(created.status).toBe(201);
    const stored = await send("GET", "/api/v1/namespaces/default/pods/half-cpu");
    const spec = stored.body["spec"] as Record<string, Record<string, unknown>[]>;
    expect(spec["containers"]![0]!["resources"]).toEqual({ limits: { cpu: "500m", memory: "1Gi" }, requests: { cpu: "500m", memory: "1Gi" } });
    expect(stored.body["status"]).toEqual({ phase: "Pending", qosClass: "Guaranteed" });
  });

  it("generates a Job's selector", async () => {
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi" },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } },
    };
    const created = await send("POST", "/apis/batch/v1/namespaces/default/jobs", job);
    expect(created.status).toBe(201);
    const uid = (created.body["metadata"] as Record<string, string>)["uid"];
    const spec = created.body["spec"] as Record<string, Record<string, unknown>>;
    expect(spec["selector"]).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    expect((spec["template"]!["metadata"] as Record<string, unknown>)["labels"]).toEqual({
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "job-name": "pi",
    });
    expect(spec["backoffLimit"]).toBe(6);
  });

  it("rejects a change of a Deployment's selector", async () => {
    const current = await send("GET", `${deploymentsPath}/web`);
    const updated = structuredClone(current.body);
    const spec = updated["spec"] as Record<string, Record<string, unknown>>;
    spec["selector"] = { matchLabels: { app: "web", tier: "front" } };
    (spec["template"]!["metadata"] as Record<string, unknown>)["labels"] = { app: "web", tier: "front" };
    const response = await send("PUT", `${deploymentsPath}/web`, updated);
    expect(response.status).toBe(422);
    const causes = (response.body["details"] as Record<string, unknown>)["causes"] as Record<string, string>[];
    expect(causes.map((cause) => cause["field"])).toEqual(["spec.selector"]);
  });

  it("keeps a namespace's lifecycle and labels it", async () => {
    const created = await send("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
    expect(created.status).toBe(201);
    expect((created.body["metadata"] as Record<string, unknown>)["labels"]).toEqual({ "kubernetes.io/metadata.name": "team-a" });
    expect(created.body["spec"]).toEqual({ finalizers: ["kubernetes"] });
    expect(created.body["status"]).toEqual({ phase: "Active" });
  });

  it("defaults a Service", async () => {
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } };
    const created = await send("POST", "/api/v1/namespaces/default/services", service);
    expect(created.status).toBe(201);
    expect(created.body["spec"]).toEqual({
      selector: { app: "web" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
    expect(created.body["status"]).toEqual({ loadBalancer: {} });
  });

  it("rejects a Service without ports", async () => {
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "empty" }, spec: { selector: { app: "web" } } };
    const response = await send("POST", "/api/v1/namespaces/default/services", service);
    expect(response.status).toBe(422);
    const causes = (response.body["details"] as Record<string, unknown>)["causes"] as Record<string, string>[];
    expect(causes).toEqual([{ reason: "FieldValueRequired", field: "spec.ports", message: "Required value" }]);
  });

  it("stores a Secret's stringData as data", async () => {
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "creds" }, stringData: { password: "hunter2" } };
    const created = await send("POST", "/api/v1/namespaces/default/secrets", secret);
    expect(created.status).toBe(201);
    expect(created.body["type"]).toBe("Opaque");
    expect(created.body["data"]).toEqual({ password: Buffer.from("hunter2").toString("base64") });
    expect(created.body["stringData"]).toBeUndefined();
  });

  it("keeps an immutable ConfigMap's data", async () => {
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "frozen" }, immutable: true, data: { a: "1" } };
    const created = await send("POST", "/api/v1/namespaces/default/configmaps", configMap);
    expect(created.status).toBe(201);
    const changed = { ...created.body, data: { a: "2" } };
    const response = await send("PUT", "/api/v1/namespaces/default/configmaps/frozen", changed);
    expect(response.status).toBe(422);
    const causes = (response.body["details"] as Record<string, unknown>)["causes"] as Record<string, string>[];
    expect(causes).toEqual([{ reason: "FieldValueForbidden", field: "data", message: "Forbidden: field is immutable when `immutable` is set" }]);
  });

  it("rejects a malformed quantity with BadRequest", async () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "bad-cpu" },
      spec: { containers: [{ name: "app", image: "busybox:1.36", resources: { requests: { cpu: "two" } } }] },
    };
    const response = await send("POST", "/api/v1/namespaces/default/pods", pod);
    expect(response.status).toBe(400);
    expect(response.body["reason"]).toBe("BadRequest");
    expect(response.body["message"]).toContain("spec.containers[0].resources.requests[cpu]");
  });

  it("accepts a Pod replaced with a new image", async () => {
    const manifest = { apiVersion: "v1", kind: "Pod", metadata: { name: "replaced" }, spec: { containers: [{ name: "app", image: "busybox:1.36" }] } };
    const created = await send("POST", "/api/v1/namespaces/default/pods", manifest);
    expect(created.status).toBe(201);
    const resourceVersion = (created.body["metadata"] as Record<string, unknown>)["resourceVersion"];
    const replacement = { ...manifest, metadata: { name: "replaced", resourceVersion }, spec: { containers: [{ name: "app", image: "busybox:1.37" }] } };
    const replaced = await send("PUT", "/api/v1/namespaces/default/pods/replaced", replacement);
    expect(replaced.status).toBe(200);
    const spec = replaced.body["spec"] as Record<string, Record<string, unknown>[]>;
    expect(spec["containers"]![0]!["image"]).toBe("busybox:1.37");
  });

  it("rejects a Pod replaced with a new restart policy", async () => {
    const current = await send("GET", "/api/v1/namespaces/default/pods/replaced");
    const replacement = { ...current.body, spec: { ...(current.body["spec"] as Record<string, unknown>), restartPolicy: "Never" } };
    const response = await send("PUT", "/api/v1/namespaces/default/pods/replaced", replacement);
    expect(response.status).toBe(422);
    const causes = (response.body["details"] as Record<string, unknown>)["causes"] as Record<string, string>[];
    expect(causes.map((cause) => [cause["reason"], cause["field"]])).toEqual([["FieldValueForbidden", "spec"]]);
  });

  it("defaults the stored object before comparing", async () => {
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "typed" }, data: { a: "YQ==" } };
    const created = await send("POST", "/api/v1/namespaces/default/secrets", secret);
    expect(created.status).toBe(201);
    const replacement = { ...secret, metadata: { name: "typed" }, data: { a: "Yg==" } };
    const replaced = await send("PUT", "/api/v1/namespaces/default/secrets/typed", replacement);
    expect(replaced.status).toBe(200);
    expect(replaced.body["type"]).toBe("Opaque");
  });
});

function resourceInfo(group: string, kind: string): ResourceInfo {
  const info = builtinResources.find((resource) => resource.group === group && resource.kind === kind);
  if (info === undefined) throw new Error(`no built-in resource ${group}/${kind}`);
  return info;
}

describe("builtinStrategy", () => {
  const scheme = builtinScheme();

  it("defaults a stored Secret before comparing types", () => {
    const strategy = builtinStrategy(resourceInfo("", "Secret"), scheme);
    const old = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" }, data: {} };
    const updated = { ...old, type: "Opaque" };
    expect(strategy.validateUpdate?.(updated, old)).toEqual([]);
    expect(old).not.toHaveProperty("type");
  });

  it("keeps the namespace lifecycle", () => {
    const strategy = builtinStrategy(resourceInfo("", "Namespace"), scheme);
    const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-b" } };
    strategy.prepareForCreate?.(namespace);
    expect(namespace).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "team-b", labels: { "kubernetes.io/metadata.name": "team-b" } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
    expect(strategy.hasPendingFinalizers?.(namespace)).toBe(true);
  });

  it("covers every served kind", () => {
    for (const info of builtinResources) {
      const strategy = builtinStrategy(info, scheme);
      expect(strategy.validate, `${info.kind} validation`).toBeTypeOf("function");
      expect(strategy.canonicalize, `${info.kind} canonicalization`).toBeTypeOf("function");
    }
  });
});
