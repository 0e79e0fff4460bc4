/**
 * @packageDocumentation
 * The runnable control plane: built-in resources served over HTTPS with client-certificate
 * authentication, on SQLite (default), memory or etcd storage, and the `apiserver` CLI.
 */
export { startControlPlane, emulatedVersion, type ControlPlane, type ControlPlaneOptions, type StorageKind } from "./control-plane.js";
export { builtinResources } from "./resources.js";
export { generateCertificates, loadOrCreateCertificates, type ControlPlaneCertificates } from "./certs.js";
export { renderKubeconfig, type KubeconfigInput } from "./kubeconfig.js";
