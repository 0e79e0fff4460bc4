/**
 * A parser of CronJob schedules with the grammar and error messages of the cron library
 * that kube-apiserver validates with (github.com/robfig/cron/v3, standard parser):
 *
 *   schedule   = [ ("TZ=" | "CRON_TZ=") zone " " ] ( descriptor | fields )
 *   descriptor = "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight"
 *              | "@hourly" | "@every " duration
 *   fields     = minute hour day-of-month month day-of-week     (separated by blanks)
 *   field      = range { "," range }
 *   range      = ( "*" | "?" | value [ "-" value ] ) [ "/" step ]
 *
 * Months and weekdays also take three-letter English names, in any case.
 */

interface FieldBounds {
  readonly min: number;
  readonly max: number;
  readonly names?: ReadonlyMap<string, number>;
}

const monthNames = new Map(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((name, index) => [name, index + 1]));
const dayNames = new Map(["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map((name, index) => [name, index]));

const standardFields: readonly FieldBounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: monthNames },
  { min: 0, max: 6, names: dayNames },
];

const descriptors = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const durationPattern = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/;

/** Parses a non-negative integer as the cron library does, with Go's `strconv.Atoi` wording. */
function parseInteger(text: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) throw new Error(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = Number(text);
  if (value < 0) throw new Error(`negative number (${value}) not allowed: ${text}`);
  return value;
}

function parseValue(text: string, bounds: FieldBounds): number {
  return bounds.names?.get(text.toLowerCase()) ?? parseInteger(text);
}

function checkRange(expression: string, bounds: FieldBounds): void {
  const rangeAndStep = expression.split("/");
  const lowAndHigh = rangeAndStep[0]!.split("-");
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = bounds.min;
    end = bounds.max;
  } else {
    if (lowAndHigh.length > 2) throw new Error(`too many hyphens: ${expression}`);
    start = parseValue(lowAndHigh[0]!, bounds);
    end = lowAndHigh.length === 2 ? parseValue(lowAndHigh[1]!, bounds) : start;
  }
  let step = 1;
  if (rangeAndStep.length > 2) throw new Error(`too many slashes: ${expression}`);
  if (rangeAndStep.length === 2) {
    step = parseInteger(rangeAndStep[1]!);
    if (lowAndHigh.length === 1) end = bounds.max;
  }
  if (start < bounds.min) throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expression}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expression}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expression}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expression}`);
}

function checkDescriptor(spec: string): void {
  if (descriptors.has(spec)) return;
  if (spec.startsWith("@every ")) {
    const duration = spec.slice("@every ".length);
    if (!durationPattern.test(duration)) throw new Error(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(duration)}`);
    return;
  }
  throw new Error(`unrecognized descriptor: ${spec}`);
}

/**
 * Checks a CronJob schedule and returns the cron library's error message, or undefined
 * when the schedule is valid.
 */
export function cronScheduleError(schedule: string): string | undefined {
  let spec = schedule;
  if (spec.length === 0) return "empty spec string";
  try {
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      const blank = spec.indexOf(" ");
      if (blank < 0) return `provided bad location ${spec.slice(spec.indexOf("=") + 1)}: unknown time zone`;
      spec = spec.slice(blank).trim();
    }
    if (spec.startsWith("@")) {
      checkDescriptor(spec);
      return undefined;
    }
    const fields = spec.split(/\s+/).filter((field) => field !== "");
    if (fields.length !== standardFields.length) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
    fields.forEach((field, index) => {
      for (const expression of field.split(",")) checkRange(expression, standardFields[index]!);
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
