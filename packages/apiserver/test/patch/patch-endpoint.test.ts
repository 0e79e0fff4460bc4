import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../endpoints/harness.js";

let server: TestServer;
let counter = 0;

const deployments = () => `${server.url}/apis/apps/v1/namespaces/default/deployments`;

interface DeploymentBody {
  metadata: { name: string; finalizers?: string[] };
  spec: { template: { spec: { containers: { name: string; image?: string }[] } } };
}

async function createDeployment(containers: { name: string; image: string }[]): Promise<string> {
  counter += 1;
  const name = `web-${counter}`;
  const body = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers } } },
  };
  const response = await fetch(deployments(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return name;
}

async function patch(name: string, type: string, body: unknown, subresource = ""): Promise<Response> {
  const url = `${deployments()}/${name}${subresource ? `/${subresource}` : ""}`;
  return fetch(url, { method: "PATCH", headers: { "content-type": type }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe("PATCH of a Deployment", () => {
  const two = [
    { name: "app", image: "nginx:1" },
    { name: "sidecar", image: "envoy:1" },
  ];

  test.each([
    ["strategic merge patch merges containers", "application/strategic-merge-patch+json", { spec: { template: { spec: { containers: [{ name: "app", image: "nginx:2" }] } } } }, [{ name: "app", image: "nginx:2" }, { name: "sidecar", image: "envoy:1" }]],
    ["merge patch replaces containers", "application/merge-patch+json", { spec: { template: { spec: { containers: [{ name: "app", image: "nginx:2" }] } } } }, [{ name: "app", image: "nginx:2" }]],
    ["JSON patch replaces one image", "application/json-patch+json", [{ op: "replace", path: "/spec/template/spec/containers/1/image", value: "envoy:2" }], [{ name: "app", image: "nginx:1" }, { name: "sidecar", image: "envoy:2" }]],
    [
      "strategic merge patch deletes a container",
      "application/strategic-merge-patch+json",
      { spec: { template: { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } } } },
      [{ name: "app", image: "nginx:1" }],
    ],
  ])("%s", async (_name, type, body, containers) => {
    const name = await createDeployment(two);
    const response = await patch(name, type, body);
    expect(response.status).toBe(200);
    const patched = (await response.json()) as DeploymentBody;
    expect(patched.spec.template.spec.containers.map(({ name: container, image }) => ({ name: container, image }))).toEqual(containers);
  });

  test.each([
    ["a container without its merge key", { spec: { template: { spec: { containers: [{ image: "x" }] } } } }, "spec.template.spec.containers[0]"],
    ["an unknown $patch value", { spec: { $patch: "bogus" } }, 'unknown $patch value "bogus"'],
    ["a patch that is a list", [{ name: "x" }], "must be a JSON object"],
  ])("strategic merge patch rejects %s", async (_name, body, message) => {
    const name = await createDeployment(two);
    const response = await patch(name, "application/strategic-merge-patch+json", body);
    expect(response.status).toBe(400);
    const status = (await response.json()) as { reason: string; message: string };
    expect(status.reason).toBe("BadRequest");
    expect(status.message).toContain(message);
  });
});

describe("PATCH of Deployment status", () => {
  test("merges conditions by type", async () => {
    const name = await createDeployment([{ name: "app", image: "nginx:1" }]);
    const smp = "application/strategic-merge-patch+json";
    const first = await patch(name, smp, { status: { conditions: [{ type: "Available", status: "False" }, { type: "Progressing", status: "True" }] } }, "status");
    expect(first.status).toBe(200);

    const second = await patch(name, smp, { status: { conditions: [{ type: "Available", status: "True" }] } }, "status");
    expect(second.status).toBe(200);
    const body = (await second.json()) as { status: { conditions: { type: string; status: string }[] } };
    const conditions = body.status.conditions.map(({ type, status }) => `${type}=${status}`).sort();
    expect(conditions).toEqual(["Available=True", "Progressing=True"]);
  });
});
