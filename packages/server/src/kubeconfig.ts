/** What an admin kubeconfig needs: the server URL and the PEM credentials. */
export interface KubeconfigInput {
  /** The server URL, such as `https://127.0.0.1:6443`. */
  readonly server: string;
  readonly caCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** The cluster, user and context name. Default `apimachinery-ts`. */
  readonly name?: string;
}

const base64 = (pem: string): string => Buffer.from(pem, "utf8").toString("base64");

/** Renders a kubeconfig (YAML) with one cluster, one user with a client certificate, and one current context. */
export function renderKubeconfig(input: KubeconfigInput): string {
  const name = input.name ?? "apimachinery-ts";
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${name}`,
    "  cluster:",
    `    server: ${input.server}`,
    `    certificate-authority-data: ${base64(input.caCert)}`,
    "users:",
    "- name: admin",
    "  user:",
    `    client-certificate-data: ${base64(input.clientCert)}`,
    `    client-key-data: ${base64(input.clientKey)}`,
    "contexts:",
    `- name: ${name}`,
    "  context:",
    `    cluster: ${name}`,
    "    user: admin",
    "    namespace: default",
    `current-context: ${name}`,
    "",
  ].join("\n");
}
