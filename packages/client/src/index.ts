/**
 * @packageDocumentation
 * Kubernetes client: REST and typed clients, watch, informers, kubeconfig.
 */
export {};
