/**
 * @packageDocumentation
 * The built-in Kubernetes API groups as TypeScript types and schema tables.
 */
export {};
