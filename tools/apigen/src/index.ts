/**
 * @packageDocumentation
 * Generates the api package's schema tables and types from the upstream protobuf definitions.
 */
export {};
