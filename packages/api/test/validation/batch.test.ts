import { describe, expect, it, test } from "vitest";
import { defaults, validation } from "@apimachinery/api";
import { reasonsAndFields, type ExpectedCause } from "./helpers.js";

const uid = "0b8e6f2e-1111-2222-3333-444455556666";

/** Builds a Job as the server stores it: defaulted, with the generated selector and labels. */
function job(specOverrides: Record<string, unknown> = {}, podOverrides: Record<string, unknown> = {}): Record<string, unknown> {
  const labels = { [validation.JOB_CONTROLLER_UID_LABEL]: uid, [validation.JOB_NAME_LABEL]: "pi" };
  const object: Record<string, unknown> = {
    metadata: { name: "pi", namespace: "default", uid },
    spec: {
      selector: { matchLabels: { [validation.JOB_CONTROLLER_UID_LABEL]: uid } },
      template: { metadata: { labels }, spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5" }], ...podOverrides } },
      ...specOverrides,
    },
  };
  defaults.defaultJob(object);
  return object;
}

test.each<[string, Record<string, unknown>, ExpectedCause[]]>([
  ["valid", job(), []],
  [
    "restartPolicy Always",
    job({}, { restartPolicy: "Always" }),
    [["FieldValueNotSupported", "spec.template.spec.restartPolicy", 'Unsupported value: "Always": supported values: "OnFailure", "Never"']],
  ],
  ["negative backoff limit", job({ backoffLimit: -1 }), [["FieldValueInvalid", "spec.backoffLimit", "must be greater than or equal to 0"]]],
  ["unknown completion mode", job({ completionMode: "Sometimes" }), [["FieldValueNotSupported", "spec.completionMode", '"Sometimes"']]],
  [
    "foreign selector",
    job({ selector: { matchLabels: { app: "pi" } } }),
    [
      ["FieldValueInvalid", "spec.selector", "`selector` not auto-generated"],
      ["FieldValueInvalid", "spec.template.metadata.labels", "`selector` does not match template `labels`"],
    ],
  ],
  ["missing selector", job({ selector: null }), [["FieldValueRequired", "spec.selector", "Required value"]]],
  [
    "pod replacement with failure policy",
    job({ podFailurePolicy: { rules: [] }, podReplacementPolicy: "TerminatingOrFailed" }),
    [["FieldValueNotSupported", "spec.podReplacementPolicy", '"TerminatingOrFailed"']],
  ],
  ["Indexed without completions", job({ completionMode: "Indexed", completions: null, parallelism: 2 }), [["FieldValueRequired", "spec.completions", "when completion mode is Indexed"]]],
  ["negative parallelism", job({ parallelism: -2 }), [["FieldValueInvalid", "spec.parallelism", "Invalid value: -2"]]],
  ["activeDeadlineSeconds in template", job({}, { activeDeadlineSeconds: 10 }), [["FieldValueInvalid", "spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in Job is not Supported"]]],
])("Job %s", (_name, object, expected) => {
  const causes = validation.validateJob(object);
  expect(reasonsAndFields(causes)).toEqual(expected.map(([reason, field]) => [reason, field]));
  causes.forEach((cause, index) => expect(cause.message).toContain(expected[index]![2]));
});

describe("Job", () => {
  it("requires a uid for the generated selector", () => {
    const object = job();
    delete (object["metadata"] as Record<string, unknown>)["uid"];
    expect(reasonsAndFields(validation.validateJob(object))).toEqual([["FieldValueRequired", "metadata.uid"]]);
  });

  it("accepts a manual selector", () => {
    const object = job({ manualSelector: true, selector: { matchLabels: { app: "pi" } } });
    (((object["spec"] as Record<string, unknown>)["template"] as Record<string, Record<string, unknown>>)["metadata"]!)["labels"] = { app: "pi" };
    expect(validation.validateJob(object)).toEqual([]);
  });

  it("limits an Indexed Job's name by its pod hostnames", () => {
    const object = job({ completionMode: "Indexed", completions: 10 });
    (object["metadata"] as Record<string, unknown>)["name"] = "a".repeat(62);
    const causes = validation.validateJob(object);
    expect(reasonsAndFields(causes)).toContainEqual(["FieldValueInvalid", "metadata.name"]);
    expect(causes.find((cause) => cause.field === "metadata.name")?.message).toContain(`will not able to create pod with invalid DNS label: ${"a".repeat(62)}-9`);
  });
});

describe("Job update", () => {
  it("rejects a changed template", () => {
    const old = job();
    const updated = job({}, { containers: [{ name: "pi", image: "perl:6" }] });
    const causes = validation.validateJobUpdate(updated, old);
    expect(reasonsAndFields(causes)).toEqual([["FieldValueInvalid", "spec.template"]]);
    expect(causes[0]!.message).toContain("field is immutable");
  });

  it("ignores zero values in the stored template", () => {
    const old = job({}, { hostNetwork: false, subdomain: "" });
    expect(validation.validateJobUpdate(job(), old)).toEqual([]);
  });

  it("accepts a changed parallelism", () => {
    const old = job();
    const updated = job({ parallelism: 4, completions: 1 });
    expect(validation.validateJobUpdate(updated, old)).toEqual([]);
  });
});

function cronJob(specOverrides: Record<string, unknown> = {}, name = "nightly"): Record<string, unknown> {
  const object: Record<string, unknown> = {
    metadata: { name, namespace: "default" },
    spec: {
      schedule: "0 3 * * *",
      jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } } } },
      ...specOverrides,
    },
  };
  defaults.defaultCronJob(object);
  return object;
}

test.each<[string, Record<string, unknown>, ExpectedCause[]]>([
  ["valid", cronJob(), []],
  ["missing schedule", cronJob({ schedule: "" }), [["FieldValueRequired", "spec.schedule", "Required value"]]],
  ["four fields", cronJob({ schedule: "* * * *" }), [["FieldValueInvalid", "spec.schedule", 'Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]']]],
  ["minute out of range", cronJob({ schedule: "61 * * * *" }), [["FieldValueInvalid", "spec.schedule", "end of range (61) above maximum (59): 61"]]],
  ["TZ in schedule", cronJob({ schedule: "TZ=UTC 0 3 * * *" }), [["FieldValueInvalid", "spec.schedule", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]]],
  ["unknown time zone", cronJob({ timeZone: "Mars/Olympus" }), [["FieldValueInvalid", "spec.timeZone", "unknown time zone Mars/Olympus"]]],
  ["Local time zone", cronJob({ timeZone: "Local" }), [["FieldValueInvalid", "spec.timeZone", "must be an explicit time zone"]]],
  ["unknown concurrency policy", cronJob({ concurrencyPolicy: "Sometimes" }), [["FieldValueNotSupported", "spec.concurrencyPolicy", '"Sometimes"']]],
  ["long name", cronJob({}, "a".repeat(53)), [["FieldValueInvalid", "metadata.name", "must be no more than 52 characters"]]],
  [
    "job template with a selector",
    cronJob({
      jobTemplate: { spec: { selector: { matchLabels: { a: "b" } }, template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } } } },
    }),
    [["FieldValueInvalid", "spec.jobTemplate.spec.selector", "`selector` will be auto-generated"]],
  ],
  [
    "job template restarting always",
    cronJob({ jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } } } }),
    [["FieldValueNotSupported", "spec.jobTemplate.spec.template.spec.restartPolicy", '"Always"']],
  ],
])("CronJob %s", (_name, object, expected) => {
  const causes = validation.validateCronJob(object);
  expect(reasonsAndFields(causes)).toEqual(expected.map(([reason, field]) => [reason, field]));
  causes.forEach((cause, index) => expect(cause.message).toContain(expected[index]![2]));
});

test.each([
  ["*/5 * * * *", undefined],
  ["0 0 1 jan,JUL mon-fri", undefined],
  ["0 12 ? * SUN", undefined],
  ["@hourly", undefined],
  ["@every 1h30m", undefined],
  ["5/15 1-5 * * *", undefined],
  ["", "empty spec string"],
  ["@fortnightly", "unrecognized descriptor: @fortnightly"],
  ["@every soon", 'failed to parse duration @every soon: time: invalid duration "soon"'],
  ["* 24 * * *", "end of range (24) above maximum (23): 24"],
  ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
  ["5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"],
  ["*/0 * * * *", "step of range should be a positive number: */0"],
  ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
  ["1/2/3 * * * *", "too many slashes: 1/2/3"],
  ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
  ["* * * * 7", "end of range (7) above maximum (6): 7"],
  ["* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"],
])("cron schedule %j", (schedule, error) => {
  expect(validation.cronScheduleError(schedule)).toBe(error);
});
