/**
 * @packageDocumentation
 * End-to-end tests: the real server driven by real kubectl binaries.
 */
export {};
