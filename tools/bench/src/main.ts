import os from "node:os";
import type { BenchRow, Suite } from "./harness.js";
import { suites } from "./suites/index.js";

/** Fills `ratio` of each row that names a baseline measured in the same suite. */
function computeRatios(rows: BenchRow[]): void {
  for (const row of rows) {
    if (!row.baseline) continue;
    const base = rows.find((candidate) => candidate.suite === row.suite && candidate.name === row.baseline);
    if (!base || base.value === 0) continue;
    row.ratio = row.higherIsBetter === false ? base.value / row.value : row.value / base.value;
  }
}

function formatTable(rows: readonly BenchRow[]): string {
  const lines = ["| suite | figure | value | unit | baseline | ratio | note |", "| --- | --- | ---: | --- | --- | ---: | --- |"];
  for (const row of rows) {
    const value = row.value >= 100 ? row.value.toFixed(0) : row.value.toPrecision(3);
    const ratio = row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}x`;
    lines.push(`| ${row.suite} | ${row.name} | ${value} | ${row.unit} | ${row.baseline ?? ""} | ${ratio} | ${row.note ?? ""} |`);
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const only = args.filter((arg) => !arg.startsWith("--"));
  const selected: Suite[] = only.length ? suites.filter((suite) => only.includes(suite.name)) : suites;

  console.log(`# ${quick ? "quick " : ""}benchmark run, Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.platform()} ${os.arch()}`);
  const unknown = only.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(", ")}: the suites are ${suites.map((suite) => suite.name).join(", ")}`);
  const rows: BenchRow[] = [];
  const runStarted = Date.now();
  let failed = 0;
  for (const suite of selected) {
    const started = Date.now();
    try {
      rows.push(...(await suite.run({ quick })));
      console.error(`suite ${suite.name} done in ${seconds(started)} s`);
    } catch (error) {
      // A failing suite does not hide the figures of the others, and the exit code fails CI.
      failed++;
      console.error(`suite ${suite.name} failed after ${seconds(started)} s:`, error);
      rows.push({ suite: suite.name, name: "failed", value: 0, unit: "", note: error instanceof Error ? error.message : String(error) });
    }
  }
  computeRatios(rows);
  console.log(formatTable(rows));
  console.log(`\n${selected.length} suites in ${seconds(runStarted)} s${failed > 0 ? `, ${failed} failed` : ""}`);
  if (failed > 0) process.exitCode = 1;
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

await main();
