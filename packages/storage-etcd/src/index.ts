/**
 * @packageDocumentation
 * Revisioned storage on etcd v3 with kube-apiserver's key layout: `EtcdStorage` implements
 * the API server's Storage interface on the `etcd3` client, and `registryKey` builds the
 * keys under which kube-apiserver stores each resource.
 */
export { EtcdStorage, type EtcdStorageOptions } from "./etcd-storage.js";
export { progressRequestsAccurate } from "./progress-support.js";
export { registryKey, resourcePath, BUILT_IN_GROUPS, type RegistryKeyParts, type ResourceKeyParts } from "./registry-key.js";
export {
  toStorageError,
  ETCD_COMPACTED_MESSAGE,
  ETCD_FUTURE_REVISION_MESSAGE,
  ETCD_TOO_LARGE_MESSAGE,
  type ErrorContext,
} from "./errors.js";
