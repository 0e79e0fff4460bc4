/**
 * @packageDocumentation
 * End-to-end test helpers: kubectl binaries from npm and the machine, a runner for one
 * invocation and one for background processes such as `get -w`, a scripted editor for
 * `kubectl edit`, and a raw HTTPS client that presents the admin client certificate.
 */
export { kubectlBinaries, runKubectl, type KubectlBinary, type KubectlResult } from "./kubectl.js";
export { spawnKubectl, type KubectlProcess } from "./kubectl-process.js";
export { writeEditorScript } from "./editor.js";
export { adminClient, openRawStream, sendRaw, type AdminClient, type RawRequest, type RawResponse, type RawStream } from "./raw-client.js";
