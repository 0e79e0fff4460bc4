/**
 * @packageDocumentation
 * Revisioned storage on etcd v3 with kube-apiserver's key layout.
 */
export {};
