/**
 * Resolution of plain scalars by the YAML 1.1 rules of go-yaml v2 (`resolve.go` in
 * gopkg.in/yaml.v2 v2.4.0), which sigs.k8s.io/yaml and so Kubernetes read YAML with.
 */

/** The tag a plain scalar resolves to, without the `tag:yaml.org,2002:` prefix. */
export type ResolvedTag = "str" | "bool" | "null" | "int" | "float" | "timestamp" | "merge";

/** A resolved scalar: its tag and value (integers as exact bigints, floats as numbers). */
export type Resolved =
  | { readonly tag: "str" | "timestamp" | "merge" | "null"; readonly value: string | null }
  | { readonly tag: "bool"; readonly value: boolean }
  | { readonly tag: "int"; readonly value: bigint }
  | { readonly tag: "float"; readonly value: number };

const STRING: Resolved = { tag: "str", value: null };
const TRUE: Resolved = { tag: "bool", value: true };
const FALSE: Resolved = { tag: "bool", value: false };
const NULL: Resolved = { tag: "null", value: null };

/** The words go-yaml v2 looks up before any number parsing, exactly in these spellings. */
const WORDS = new Map<string, Resolved>();
for (const word of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]) WORDS.set(word, TRUE);
for (const word of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]) WORDS.set(word, FALSE);
for (const word of ["", "~", "null", "Null", "NULL"]) WORDS.set(word, NULL);
for (const word of [".nan", ".NaN", ".NAN"]) WORDS.set(word, { tag: "float", value: Number.NaN });
for (const word of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) WORDS.set(word, { tag: "float", value: Number.POSITIVE_INFINITY });
for (const word of ["-.inf", "-.Inf", "-.INF"]) WORDS.set(word, { tag: "float", value: Number.NEGATIVE_INFINITY });

/**
 * Returns go-yaml v2's first-character hint: `S` sign, `D` digit, `M` word, `.` float. A
 * scalar whose first character has no hint is a string without further checks. That is
 * also why go-yaml v2 resolves `<<` as a string, because its merge meaning comes from being a plain key.
 */
function hintOf(text: string): string {
  if (text === "") return "M";
  const first = text.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return "D";
  if (first === 0x2b || first === 0x2d) return "S";
  if (first === 0x2e) return ".";
  return "yYnNtTfFoO~".includes(text[0] as string) ? "M" : "";
}

const MAX_INT64 = 9223372036854775807n;
const MIN_INT64 = -9223372036854775808n;
const MAX_UINT64 = 18446744073709551615n;

/** Go's `strconv.ParseInt(s, 0, 64)` syntax after go-yaml removed every underscore. */
const GO_INTEGER = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
/** go-yaml v2's `yamlStyleFloat`, tried when the integer parses fail. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** The floats starting with `.` that Go's `strconv.ParseFloat` accepts (decimal digits only). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/**
 * Parses an integer as Go's `ParseInt(s, 0, 64)` and then `ParseUint(s, 0, 64)` would:
 * base prefixes `0x`, `0o`, `0b`, a leading `0` for octal, a sign only for ParseInt.
 * Returns undefined when neither accepts the text.
 */
function parseGoInteger(plain: string): bigint | undefined {
  const match = GO_INTEGER.exec(plain);
  if (match === null) return undefined;
  const [, sign, hex, octal, binary, legacyOctal, decimal] = match;
  let magnitude: bigint;
  if (hex !== undefined) magnitude = BigInt(`0x${hex}`);
  else if (octal !== undefined) magnitude = BigInt(`0o${octal}`);
  else if (binary !== undefined) magnitude = BigInt(`0b${binary}`);
  else if (legacyOctal !== undefined) magnitude = legacyOctal === "" ? 0n : BigInt(`0o${legacyOctal}`);
  else magnitude = BigInt(decimal as string);
  const value = sign === "-" ? -magnitude : magnitude;
  if (value >= MIN_INT64 && value <= MAX_INT64) return value;
  // ParseUint takes no sign at all, so "+18446744073709551615" is not an unsigned integer.
  if (sign === "" && value <= MAX_UINT64) return value;
  return undefined;
}

/** Go's `underscoreOK` for a decimal float: each underscore sits between two digits. */
function underscoresBetweenDigits(text: string): boolean {
  return !/(^|[^0-9])_|_($|[^0-9])/.test(text);
}

/** Resolves a scalar that starts with a digit or a sign (go-yaml's `D` and `S` hints). */
function resolveNumeric(text: string, withTimestamp: boolean): Resolved {
  if (withTimestamp && isGoTimestamp(text)) return { tag: "timestamp", value: text };
  const plain = text.includes("_") ? text.replaceAll("_", "") : text;
  const integer = parseGoInteger(plain);
  if (integer !== undefined) return { tag: "int", value: integer };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const value = Number(plain);
    // ParseFloat fails with ErrRange beyond the float64 range, and go-yaml then keeps the string.
    if (Number.isFinite(value)) return { tag: "float", value };
  }
  return STRING;
}

/**
 * Resolves the text of an untagged plain scalar as go-yaml v2 does. Timestamps resolve to
 * the `timestamp` tag but keep their text, because go-yaml v2 hands them to an
 * `interface{}` as the original string.
 */
export function resolvePlain(text: string, withTimestamp = true): Resolved {
  const hint = hintOf(text);
  if (hint === "") return STRING;
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  switch (hint) {
    case "D":
    case "S":
      return resolveNumeric(text, withTimestamp);
    case ".": {
      if (text.includes("_") && !underscoresBetweenDigits(text)) return STRING;
      const plain = text.replaceAll("_", "");
      if (!DOT_FLOAT.test(plain)) return STRING;
      const value = Number(plain);
      return Number.isFinite(value) ? { tag: "float", value } : STRING;
    }
    default:
      return STRING;
  }
}

/** go-yaml v2's `base60float`: written quoted so that YAML 1.1 readers keep it a string. */
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Reports whether `text` is a YAML 1.1 base-60 number such as `12:30`, which go-yaml v2 reads as a string. */
export function isBase60Float(text: string): boolean {
  return text.includes(":") && BASE60_FLOAT.test(text);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  return day <= days;
}

/**
 * The layouts go-yaml v2 tries with Go's `time.Parse`: `2006-1-2T15:4:5.999999999Z07:00`
 * (also with a lower-case `t`), `2006-1-2 15:4:5.999999999` and `2006-1-2`.
 */
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])| )(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Reports whether go-yaml v2 resolves `text` as a timestamp (and so quotes it on output). */
export function isGoTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (match === null) return false;
  const [, year, month, day, separator, hour, minute, second, zone] = match;
  if (!isValidDate(Number(year), Number(month), Number(day))) return false;
  if (hour === undefined) return true;
  // The `T` layouts require a zone and the space layout allows none.
  if ((separator !== undefined) !== (zone !== undefined)) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return false;
  if (zone !== undefined && zone !== "Z") {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 24 || zoneMinutes > 60) return false;
  }
  return true;
}
