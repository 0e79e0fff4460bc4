/**
 * Returns the OpenAPI definition name of a protobuf message, as kube-apiserver names its
 * definitions: the Go package path with the domain reversed and underscores of the
 * repository turned back into hyphens (`k8s.io.api.apps.v1.Deployment` becomes
 * `io.k8s.api.apps.v1.Deployment`, `k8s.io.apiextensions_apiserver.pkg...` becomes
 * `io.k8s.apiextensions-apiserver.pkg...`). Names outside `k8s.io` are returned unchanged.
 */
export function definitionName(messageName: string): string {
  const prefix = "k8s.io.";
  if (!messageName.startsWith(prefix)) return messageName;
  const [repository = "", ...rest] = messageName.slice(prefix.length).split(".");
  return ["io.k8s", repository.replaceAll("_", "-"), ...rest].join(".");
}
