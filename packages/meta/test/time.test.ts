import { describe, expect, test } from "vitest";
import { formatMicroTime, formatTime, isBadRequest, nowMicroTime, nowTime, parseMicroTime, parseTime, timeToDate } from "../src/index.js";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isBadRequest(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a BadRequest StatusError");
}

describe("formatTime", () => {
  test.each([
    [new Date("2008-01-01T01:01:01Z"), "2008-01-01T01:01:01Z"],
    [new Date("2008-01-01T01:01:01.999Z"), "2008-01-01T01:01:01Z"],
    [Date.UTC(2024, 1, 29, 23, 59, 59, 500), "2024-02-29T23:59:59Z"],
    [0, "1970-01-01T00:00:00Z"],
    [-1, "1969-12-31T23:59:59Z"],
    [-1500, "1969-12-31T23:59:58Z"],
    [{ seconds: 1199149261, nanos: 999999999 }, "2008-01-01T01:01:01Z"],
  ])("%o is %j", (input, expected) => {
    expect(formatTime(input)).toBe(expected);
  });

  test.each([[Number.NaN], [new Date("nope")], [Date.UTC(10000, 0, 1)], [{ seconds: 1, nanos: 1e9 }]])("%o is rejected", (input) => {
    expect(messageOf(() => formatTime(input))).toMatch(/^invalid Time: /);
  });
});

describe("formatMicroTime", () => {
  test.each([
    [new Date("2008-01-01T01:01:01Z"), 0, "2008-01-01T01:01:01.000000Z"],
    [new Date("2008-01-01T01:01:01.123Z"), 0, "2008-01-01T01:01:01.123000Z"],
    [new Date("2008-01-01T01:01:01.123Z"), 456, "2008-01-01T01:01:01.123456Z"],
    [-1, 0, "1969-12-31T23:59:59.999000Z"],
    [{ seconds: 1199149261, nanos: 123456789 }, 0, "2008-01-01T01:01:01.123456Z"],
  ])("%o plus %d microseconds is %j", (input, extra, expected) => {
    expect(formatMicroTime(input, extra)).toBe(expected);
  });

  test("extra microseconds are bounded", () => {
    expect(messageOf(() => formatMicroTime(0, 1000))).toContain("from 0 to 999");
  });
});

describe("parseTime", () => {
  test.each([
    ["2008-01-01T01:01:01Z", "2008-01-01T01:01:01Z", "2008-01-01T01:01:01.000000Z"],
    ["2008-01-01T01:01:01.123456789Z", "2008-01-01T01:01:01Z", "2008-01-01T01:01:01.123456Z"],
    ["2008-01-01T01:01:01.5+01:00", "2008-01-01T00:01:01Z", "2008-01-01T00:01:01.500000Z"],
    ["2008-01-01T01:01:01,5Z", "2008-01-01T01:01:01Z", "2008-01-01T01:01:01.500000Z"],
    ["2008-02-29T01:01:01Z", "2008-02-29T01:01:01Z", "2008-02-29T01:01:01.000000Z"],
    ["2008-01-01T01:01:01-07:30", "2008-01-01T08:31:01Z", "2008-01-01T08:31:01.000000Z"],
    ["0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000000Z"],
    ["2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000000Z"],
    ["2008-01-01T01:01:01.1234567891234Z", "2008-01-01T01:01:01Z", "2008-01-01T01:01:01.123456Z"],
  ])("%j reads as %j", (input, time, microTime) => {
    const parsed = parseTime(input);
    expect(formatTime(parsed)).toBe(time);
    expect(formatMicroTime(parsed)).toBe(microTime);
  });

  test.each([
    ["2008-01-01 01:01:01Z", "expected RFC 3339"],
    ["2008-01-01T01:01:01z", "expected RFC 3339"],
    ["2008-01-01T01:01:01", "expected RFC 3339"],
    ["2008-01-01T01:01:01.Z", "expected RFC 3339"],
    ["2008-1-01T01:01:01Z", "expected RFC 3339"],
    ["2008-02-30T01:01:01Z", "day out of range"],
    ["2007-02-29T01:01:01Z", "day out of range"],
    ["1900-02-29T01:01:01Z", "day out of range"],
    ["2008-13-01T01:01:01Z", "month out of range"],
    ["2008-00-01T01:01:01Z", "month out of range"],
    ["2008-01-01T24:00:00Z", "hour out of range"],
    ["2008-01-01T23:60:00Z", "minute out of range"],
    ["2008-01-01T23:59:60Z", "second out of range"],
    ["2008-01-01T01:01:01+24:00", "time zone offset out of range"],
    ["", "expected RFC 3339"],
  ])("%j is rejected", (input, message) => {
    const text = messageOf(() => parseTime(input));
    expect(text).toContain(JSON.stringify(input));
    expect(text).toContain(message);
  });

  test("timeToDate gives milliseconds", () => {
    expect(timeToDate("2008-01-01T01:01:01.123456Z").toISOString()).toBe("2008-01-01T01:01:01.123Z");
  });
});

describe("parseMicroTime", () => {
  test.each([
    ["2008-01-01T01:01:01.000001Z", "2008-01-01T01:01:01.000001Z"],
    ["2008-01-01T01:01:01.123456+02:00", "2007-12-31T23:01:01.123456Z"],
  ])("%j reads as %j", (input, expected) => {
    expect(formatMicroTime(parseMicroTime(input))).toBe(expected);
  });

  test.each(["2008-01-01T01:01:01Z", "2008-01-01T01:01:01.1Z", "2008-01-01T01:01:01.1234567Z"])("%j is rejected", (input) => {
    expect(messageOf(() => parseMicroTime(input))).toContain("six fraction digits");
  });
});

describe("current time", () => {
  test("formats match their patterns", () => {
    expect(nowTime()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(nowMicroTime()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });
});
