/**
 * @packageDocumentation
 * Embedded revisioned storage on SQLite, in the style of kine.
 */
export {};
