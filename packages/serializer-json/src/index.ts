/**
 * @packageDocumentation
 * JSON codec for Kubernetes objects: int64-exact decoding, strict mode and watch framing.
 */
export {};
