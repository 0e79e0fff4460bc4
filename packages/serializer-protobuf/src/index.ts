/**
 * @packageDocumentation
 * Kubernetes protobuf wire format: the k8s envelope, schema-driven fields and watch framing.
 */
export {};
