import { describe, expect, it, test } from "vitest";
import { validateFieldManagerParameters } from "../../src/fieldmanager/index.js";

describe("validateFieldManagerParameters", () => {
  it("requires a field manager for apply", () => {
    const error = validateFieldManagerParameters("PatchOptions", { apply: true });
    expect(error?.status).toMatchObject({
      reason: "Invalid",
      code: 422,
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { name: "", group: "meta.k8s.io", kind: "PatchOptions", causes: [{ reason: "FieldValueRequired", field: "fieldManager" }] },
    });
  });

  it("rejects force outside apply", () => {
    const error = validateFieldManagerParameters("PatchOptions", { fieldManager: "kubectl", force: false });
    expect(error?.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });

  it("rejects a name over 128 bytes", () => {
    const error = validateFieldManagerParameters("UpdateOptions", { fieldManager: "m".repeat(129) });
    expect(error?.message).toBe('UpdateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes');
  });

  it("rejects a non-printable character", () => {
    const error = validateFieldManagerParameters("CreateOptions", { fieldManager: "a\nb" });
    expect(error?.message).toBe('CreateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\nb": invalid character U+000A (at position 1)');
  });

  test.each([
    ["an apply with a manager", "PatchOptions", { apply: true, fieldManager: "kubectl", force: true }],
    ["a patch without manager", "PatchOptions", {}],
    ["a create with a unicode name", "CreateOptions", { fieldManager: "kübectl édit" }],
  ] as const)("accepts %s", (_name, kind, parameters) => {
    expect(validateFieldManagerParameters(kind, parameters)).toBeUndefined();
  });
});
