/**
 * @packageDocumentation
 * The runnable control plane: a kubectl-compatible API server on SQLite, etcd or memory.
 */
export {};
