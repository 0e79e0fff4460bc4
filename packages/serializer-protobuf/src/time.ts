import { WireError } from "./errors.js";

/*
 * RFC 3339 timestamps for meta/v1 Time and MicroTime, computed from calendar arithmetic
 * on integers rather than through Date, so that nanoseconds and the full year range
 * 0000-9999 survive. The day/civil conversions use the proleptic Gregorian calendar with
 * 400-year eras of 146097 days.
 */

const SECONDS_PER_DAY = 86400;
/** Days from 0000-03-01 to 1970-01-01. */
const EPOCH_SHIFT = 719468;
/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds: the range Go can write as JSON. */
const MIN_SECONDS = -62167219200;
const MAX_SECONDS = 253402300799;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * Formats Unix `seconds` (and `nanos` when `fractionDigits` is 6) in UTC as Go's
 * meta/v1 Time (`2006-01-02T15:04:05Z`) or MicroTime (`2006-01-02T15:04:05.000000Z`)
 * JSON does. Fails for years outside 0000-9999, which Go cannot write as JSON either.
 */
export function formatTimestamp(seconds: number | bigint, nanos: number, fractionDigits: 0 | 6): string {
  let total = typeof seconds === "bigint" ? Number(seconds) : seconds;
  // Go normalizes nanos outside [0, 1e9) into the seconds.
  if (nanos < 0 || nanos >= 1e9) {
    total += Math.floor(nanos / 1e9);
    nanos = ((nanos % 1e9) + 1e9) % 1e9;
  }
  if (!(total >= MIN_SECONDS && total <= MAX_SECONDS)) {
    throw new WireError(`time ${String(seconds)}s is outside the years 0000-9999`);
  }
  const days = Math.floor(total / SECONDS_PER_DAY);
  const secondOfDay = total - days * SECONDS_PER_DAY;
  const z = days + EPOCH_SHIFT;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  const date = `${pad(year, 4)}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  if (fractionDigits === 0) return `${date}Z`;
  return `${date}.${pad(Math.floor(nanos / 1000), 6)}Z`;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - EPOCH_SHIFT;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** A parsed timestamp: Unix seconds and nanoseconds within the second. */
export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/**
 * Parses an RFC 3339 timestamp as Go's `time.Parse(time.RFC3339, ...)` accepts it: date,
 * `T`, time, an optional fraction of any length (digits beyond nanoseconds are dropped)
 * and `Z` or a `±hh:mm` offset.
 */
export function parseTimestamp(text: string): Timestamp {
  const match = RFC3339.exec(text);
  if (match === null) throw new WireError(`invalid RFC 3339 time ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match as unknown as [string, string, string, string, string, string, string, string | undefined, string];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new WireError(`invalid RFC 3339 time ${JSON.stringify(text)}: a field is out of range`);
  }
  let offset = 0;
  if (zone !== "Z") {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) throw new WireError(`invalid RFC 3339 time ${JSON.stringify(text)}: offset out of range`);
    offset = (zone[0] === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const nanos = fraction === undefined ? 0 : Number(fraction.slice(0, 9).padEnd(9, "0"));
  const seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
  return { seconds, nanos };
}
