/**
 * @packageDocumentation
 * YAML codec for Kubernetes objects with the YAML 1.1 scalar rules Kubernetes reads with.
 */
export {};
