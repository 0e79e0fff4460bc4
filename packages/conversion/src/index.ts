/**
 * @packageDocumentation
 * Conversion between API versions.
 */
export {};
