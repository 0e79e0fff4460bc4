import { requireString } from "./input-checks.js";
import { StatusError } from "./status-error.js";

/**
 * A timestamp with whole seconds, written as RFC 3339 in UTC: `2008-01-01T01:01:01Z`.
 * Objects keep it as the string; use {@link formatTime} and {@link parseTime} to convert.
 */
export type Time = string;

/**
 * A timestamp with microseconds, written as RFC 3339 in UTC with exactly six fraction
 * digits: `2008-01-01T01:01:01.000001Z`.
 */
export type MicroTime = string;

/** A parsed timestamp: whole seconds since the Unix epoch plus nanoseconds in `[0, 1e9)`. */
export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** A point in time for the formatters: a `Date`, milliseconds since the Unix epoch, or a {@link Timestamp}. */
export type TimeInput = Date | number | Timestamp;

/*
 * RFC 3339 as Go's time.Parse reads it with the layouts of Time and MicroTime:
 *   date-time   = full-date "T" full-time
 *   full-date   = 4DIGIT "-" 2DIGIT "-" 2DIGIT
 *   full-time   = 2DIGIT ":" 2DIGIT ":" 2DIGIT [ ("." / ",") 1*DIGIT ] time-offset
 *   time-offset = "Z" / ("+" / "-") 2DIGIT ":" 2DIGIT
 */
const rfc3339Pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})$/;

const millisPerSecond = 1000;

/** Splits a point in time into whole seconds since the epoch and microseconds within the second. */
function toSecondsAndMicros(input: TimeInput, what: string): { seconds: number; micros: number } {
  if (typeof input === "object" && !(input instanceof Date)) {
    const { seconds, nanos } = input;
    if (!Number.isSafeInteger(seconds) || !Number.isInteger(nanos) || nanos < 0 || nanos >= 1e9) {
      throw StatusError.badRequest(`invalid ${what}: seconds ${seconds} and nanos ${nanos} are not a valid timestamp`);
    }
    return { seconds, micros: Math.floor(nanos / 1000) };
  }
  const millis = typeof input === "number" ? input : input.getTime();
  if (!Number.isFinite(millis)) {
    throw StatusError.badRequest(`invalid ${what}: ${String(input)} is not a valid point in time`);
  }
  const floored = Math.floor(millis);
  const seconds = Math.floor(floored / millisPerSecond);
  return { seconds, micros: (floored - seconds * millisPerSecond) * 1000 };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function formatSeconds(seconds: number, what: string): string {
  const date = new Date(seconds * millisPerSecond);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw StatusError.badRequest(`invalid ${what}: the year is outside the range 0000-9999 of RFC 3339`);
  }
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
  );
}

/**
 * Formats a point in time as a {@link Time}: RFC 3339 in UTC with whole seconds. Fractions of
 * a second are truncated toward the earlier second, as Go's formatting drops them.
 *
 * @throws StatusError (BadRequest) for an invalid date or a year outside 0000-9999.
 */
export function formatTime(input: TimeInput): Time {
  return `${formatSeconds(toSecondsAndMicros(input, "Time").seconds, "Time")}Z`;
}

/**
 * Formats a point in time as a {@link MicroTime}: RFC 3339 in UTC with six fraction digits,
 * nanoseconds truncated. A `Date` or an epoch in milliseconds has millisecond precision, so
 * its last three digits are zero unless `extraMicros` (0-999) adds the microseconds below
 * the millisecond.
 *
 * @throws StatusError (BadRequest) for an invalid date, a year outside 0000-9999, or
 * `extraMicros` outside 0-999.
 */
export function formatMicroTime(input: TimeInput, extraMicros = 0): MicroTime {
  if (!Number.isInteger(extraMicros) || extraMicros < 0 || extraMicros > 999) {
    throw StatusError.badRequest(`invalid MicroTime: extra microseconds ${extraMicros} must be an integer from 0 to 999`);
  }
  const { seconds, micros } = toSecondsAndMicros(input, "MicroTime");
  if (micros + extraMicros > 999_999) {
    throw StatusError.badRequest("invalid MicroTime: extra microseconds apply only to a Date or an epoch in milliseconds");
  }
  return `${formatSeconds(seconds, "MicroTime")}.${pad(micros + extraMicros, 6)}Z`;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2) return leap ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function parseRFC3339(input: string, what: string, exactMicros: boolean): Timestamp {
  const value = requireString(input, what);
  const match = rfc3339Pattern.exec(value);
  const reject = (why: string): StatusError => StatusError.badRequest(`invalid ${what} ${JSON.stringify(value)}: ${why}`);
  if (!match) {
    throw reject(exactMicros ? "expected RFC 3339 with six fraction digits, such as 2006-01-02T15:04:05.000000Z" : "expected RFC 3339, such as 2006-01-02T15:04:05Z");
  }
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offset] = match as unknown as string[];
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (exactMicros && (fraction === undefined || fraction.length !== 6)) throw reject("expected exactly six fraction digits");
  if (month < 1 || month > 12) throw reject("month out of range");
  if (day < 1 || day > daysInMonth(year, month)) throw reject("day out of range");
  if (hour > 23) throw reject("hour out of range");
  if (minute > 59) throw reject("minute out of range");
  if (second > 59) throw reject("second out of range");

  let offsetSeconds = 0;
  if (offset !== undefined && offset !== "Z") {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMinutes = Number(offset.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) throw reject("time zone offset out of range");
    offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (offset.startsWith("-") ? -1 : 1);
  }
  const epochDate = new Date(0);
  epochDate.setUTCFullYear(year, month - 1, day);
  epochDate.setUTCHours(hour, minute, second, 0);
  const seconds = epochDate.getTime() / millisPerSecond - offsetSeconds;
  const nanos = fraction === undefined ? 0 : Number(fraction.slice(0, 9).padEnd(9, "0"));
  return { seconds, nanos };
}

/**
 * Parses a {@link Time}. Like Go's RFC 3339 parser, it accepts a fraction of a second, which
 * the result keeps in `nanos` (and {@link formatTime} drops), and a `±hh:mm` offset below 24 hours.
 *
 * @throws StatusError (BadRequest) naming the value when it is not RFC 3339.
 */
export function parseTime(value: string): Timestamp {
  return parseRFC3339(value, "Time", false);
}

/**
 * Parses a {@link MicroTime}, which must have exactly six fraction digits, as Go's layout
 * `2006-01-02T15:04:05.000000Z07:00` requires.
 *
 * @throws StatusError (BadRequest) naming the value when it does not match that layout.
 */
export function parseMicroTime(value: string): Timestamp {
  return parseRFC3339(value, "MicroTime", true);
}

/** Converts a parsed timestamp to a `Date`; precision below the millisecond is lost. */
export function timestampToDate(timestamp: Timestamp): Date {
  return new Date(timestamp.seconds * millisPerSecond + Math.floor(timestamp.nanos / 1e6));
}

/** Parses a {@link Time} or {@link MicroTime} into a `Date`, with millisecond precision. */
export function timeToDate(value: Time | MicroTime): Date {
  return timestampToDate(parseTime(value));
}

/** Returns the current time as a {@link Time}. */
export function nowTime(): Time {
  return formatTime(Date.now());
}

/** Returns the current time as a {@link MicroTime}, with the microseconds that `performance` offers. */
export function nowMicroTime(): MicroTime {
  const totalMicros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  return formatMicroTime(Math.floor(totalMicros / 1000), totalMicros % 1000);
}
