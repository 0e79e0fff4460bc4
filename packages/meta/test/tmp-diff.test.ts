import { readFileSync } from "node:fs";
import { test, expect } from "vitest";
import { parseQuantity, formatQuantity, quantityValue, quantityMilliValue } from "../src/quantity/index.js";

test("go diff", () => {
  const lines = readFileSync("/tmp/qgo.tsv", "utf8").trim().split("\n");
  const failures: string[] = [];
  for (const line of lines) {
    const [quoted, result, format, value, milli] = line.split("\t") as string[];
    const input = JSON.parse(quoted!) as string;
    let got: string;
    try {
      const q = parseQuantity(input);
      const v = quantityValue(q);
      const m = quantityMilliValue(q);
      const vOk = BigInt.asIntN(64, v) !== v || v === BigInt(value ?? "0") || v < 0n;
      const mOk = BigInt.asIntN(64, m) !== m || m === BigInt(milli ?? "0") || m < 0n;
      got = `${formatQuantity(q)}\t${q.format}` + (vOk && mOk ? "" : `\tVALUE ${v} ${m}`);
    } catch (error) {
      got = `ERR ${(error as Error).message}`;
    }
    const want = result!.startsWith("ERR") ? "ERR" : `${result}\t${format}`;
    const gotShort = got.startsWith("ERR") ? "ERR" : got;
    if (gotShort !== want) failures.push(`${input}: go=${want.replace("\t", " ")} ts=${got.replace("\t", " ")}`);
  }
  console.log(failures.slice(0, 60).join("\n"), failures.length);
  expect(failures.length).toBe(0);
});
