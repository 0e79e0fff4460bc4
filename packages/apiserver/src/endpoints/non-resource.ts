import { StatusError } from "@apimachinery/meta";
import { serveOpenApi } from "../openapi/serve.js";
import type { ResourceInfo } from "../registry/resource.js";
import { aggregatedDiscovery, apiGroupList, apiGroupOf, apiResourceList, apiVersions } from "./discovery.js";
import { send, type ApiRequest, type ApiResponse } from "./http-util.js";
import type { ApiMetrics } from "./metrics.js";

/** The version the server reports on `/version`. */
export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

const jsonType = "application/json";

/** Returns the aggregated discovery version that an Accept header requests, if any. */
function aggregatedDiscoveryVersion(accept: string | undefined): "v2" | "v2beta1" | undefined {
  for (const entry of (accept ?? "").split(",")) {
    const [type = "", ...parameters] = entry.split(";").map((part) => part.trim());
    if (type !== jsonType) continue;
    const params = new Map(parameters.map((parameter) => parameter.split("=").map((side) => side.trim()) as [string, string]));
    if (params.get("as") !== "APIGroupDiscoveryList" || params.get("g") !== "apidiscovery.k8s.io") {
      if (params.size === 0) return undefined;
      continue;
    }
    const version = params.get("v");
    if (version === "v2" || version === "v2beta1") return version;
  }
  return undefined;
}

const sendJson = (response: ApiResponse, body: unknown, contentType = jsonType) => send(response, 200, contentType, JSON.stringify(body));

/** Serves discovery, OpenAPI, `/version`, health and metrics. Fails with NotFound for any other path. */
export async function serveNonResource(
  request: ApiRequest,
  response: ApiResponse,
  path: string,
  context: { readonly resources: readonly ResourceInfo[]; readonly version: VersionInfo; readonly metrics?: ApiMetrics | undefined },
): Promise<void> {
  const { resources } = context;
  const trimmed = path.replace(/\/+$/, "") || "/";
  const parts = trimmed.split("/").filter(Boolean);
  switch (trimmed) {
    case "/version":
      return sendJson(response, context.version);
    case "/healthz":
    case "/livez":
    case "/readyz":
      return send(response, 200, "text/plain; charset=utf-8", "ok");
    case "/metrics":
      if (context.metrics) return send(response, 200, context.metrics.registry.contentType, await context.metrics.registry.metrics());
      break;
    case "/api":
    case "/apis": {
      const aggregated = aggregatedDiscoveryVersion(request.headers.accept);
      if (aggregated) {
        const body = aggregatedDiscovery(resources, trimmed === "/api", aggregated);
        return sendJson(response, body, `application/json;g=apidiscovery.k8s.io;v=${aggregated};as=APIGroupDiscoveryList`);
      }
      return sendJson(response, trimmed === "/api" ? apiVersions(request.headers.host ?? "127.0.0.1") : apiGroupList(resources));
    }
    case "/": {
      const paths = ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/metrics", "/openapi/v2", "/openapi/v3", "/readyz", "/version"];
      for (const info of resources) if (info.group !== "") paths.push(`/apis/${info.group}`, `/apis/${info.group}/${info.version}`);
      return sendJson(response, { paths: [...new Set(paths)].sort() });
    }
  }
  if (parts[0] === "openapi" && serveOpenApi(request, response, trimmed, resources)) return;
  if (parts[0] === "api" && parts.length === 2) {
    const list = apiResourceList(resources, "", parts[1] ?? "");
    if (list) return sendJson(response, list);
  }
  if (parts[0] === "apis" && parts.length === 2) {
    const group = apiGroupOf(resources, parts[1] ?? "");
    if (group) return sendJson(response, group);
  }
  if (parts[0] === "apis" && parts.length === 3) {
    const list = apiResourceList(resources, parts[1] ?? "", parts[2] ?? "");
    if (list) return sendJson(response, list);
  }
  throw StatusError.of("NotFound", "the server could not find the requested resource", {});
}
