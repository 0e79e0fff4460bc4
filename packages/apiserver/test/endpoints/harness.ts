import { createServer, type Server } from "node:http";
import {
  MemoryStorage,
  Store,
  allVerbs,
  builtinCodecs,
  builtinScheme,
  createApiHandler,
  storageCodec,
  type ResourceInfo,
  type Strategy,
} from "../../src/index.js";

/** Returns the ResourceInfo of a resource of the test server. */
function resource(group: string, version: string, kind: string, plural: string, namespaced: boolean, subresources: string[] = []): ResourceInfo {
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    resource: plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: allVerbs,
    subresources,
    columns: [],
  };
}

const namespaceStrategy: Strategy = {
  prepareForCreate(namespace) {
    namespace["status"] = { phase: "Active" };
  },
};

/** A running API handler over memory storage, on a loopback port. */
export interface TestServer {
  readonly url: string;
  readonly storage: MemoryStorage;
  close(): Promise<void>;
}

/** Starts an API handler on 127.0.0.1 with namespaces, configmaps and deployments, without TLS. */
export async function startTestServer(options: { watchCache?: boolean } = {}): Promise<TestServer> {
  const scheme = builtinScheme();
  const storage = new MemoryStorage();
  const codec = storageCodec(scheme);
  const stores = [
    new Store(resource("", "v1", "Namespace", "namespaces", false, ["status"]), storage, codec, namespaceStrategy, options),
    new Store(resource("", "v1", "ConfigMap", "configmaps", true), storage, codec, {}, options),
    new Store({ ...resource("apps", "v1", "Deployment", "deployments", true, ["status"]), tracksGeneration: true }, storage, codec, {}, options),
  ];
  const handler = createApiHandler({
    stores,
    codecs: builtinCodecs(scheme),
    version: { major: "1", minor: "35", gitVersion: "v1.35.0", gitCommit: "", gitTreeState: "", buildDate: "", goVersion: "", compiler: "", platform: "" },
  });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  await fetch(`${url}/api/v1/namespaces`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }) });
  return {
    url,
    storage,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
