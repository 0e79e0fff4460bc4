import { YAMLException, loadAll, type LoadOptions } from "js-yaml";

/** The most `\'` escapes rewritten in one stream, because each one costs another parse. */
const MAX_REWRITES = 100;

/** The result of a load: the documents and the source text they were read from. */
export interface LoadResult {
  readonly values: unknown[];
  /** The text js-yaml read, which differs from the input when escapes were rewritten. */
  readonly source: string;
}

/**
 * Loads every document with js-yaml, accepting the `\'` escape in double-quoted scalars
 * as go-yaml v2 does (YAML 1.2 and js-yaml reject it). Each `\'` that js-yaml rejects is
 * rewritten to the equivalent `\x27` and the text parsed again. `beforeAttempt` runs
 * before each parse, so listeners can reset what they collect.
 */
export function loadAllWithGoEscapes(text: string, options: LoadOptions, beforeAttempt: () => void = () => {}): LoadResult {
  // NOTE: the reverse difference remains: js-yaml accepts the YAML 1.2 escape `\/`, which
  // go-yaml v2 rejects as an unknown escape character.
  let source = text;
  for (let attempt = 0; ; attempt++) {
    beforeAttempt();
    try {
      return { values: loadAll(source, null, options), source };
    } catch (error) {
      const position = quoteEscapePosition(error, source);
      if (position === undefined || attempt >= MAX_REWRITES) throw error;
      source = `${source.slice(0, position)}x27${source.slice(position + 1)}`;
    }
  }
}

/** Returns the position of the `'` in a `\'` escape that js-yaml rejected, or undefined for any other error. */
function quoteEscapePosition(error: unknown, source: string): number | undefined {
  if (!(error instanceof YAMLException) || error.reason !== "unknown escape sequence") return undefined;
  const position = (error as YAMLException & { mark?: { position: number } }).mark?.position;
  if (position === undefined || source[position] !== "'" || source[position - 1] !== "\\") return undefined;
  return position;
}
