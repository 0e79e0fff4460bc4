import { expect, test } from "vitest";
import { progressRequestsAccurate } from "../src/index.js";

// etcd 3.4.31 and 3.5.13 fixed progress responses that overtook pending events.
test.each([
  ["3.4.23", false],
  ["3.4.30", false],
  ["3.4.31", true],
  ["v3.4.34", true],
  ["3.5.0", false],
  ["3.5.12", false],
  ["3.5.13", true],
  ["3.6.0", true],
  ["4.0.0", true],
  ["3.3.27", false],
  ["2.3.8", false],
  ["", false],
  ["unknown", false],
])("progressRequestsAccurate(%j) is %s", (version, expected) => {
  expect(progressRequestsAccurate(version)).toBe(expected);
});
