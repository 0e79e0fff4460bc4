import { spawn } from "node:child_process";
import path from "node:path";
import type { KubectlResult } from "./kubectl.js";

/** A kubectl process that runs in the background, such as `get -w` or `wait`. */
export interface KubectlProcess {
  /** Output so far on standard output. */
  readonly stdout: () => string;
  /**
   * Resolves with the output so far once it matches `pattern`, or rejects after
   * `timeoutMs` milliseconds (default 20000) with the output seen so far. It reads standard
   * output unless `stream` is `stderr`, where kubectl logs its requests at `-v=6`.
   */
  waitForOutput(pattern: RegExp, timeoutMs?: number, stream?: "stdout" | "stderr"): Promise<string>;
  /** Resolves when the process exits on its own, or kills it after `timeoutMs` (default 30000). */
  exited(timeoutMs?: number): Promise<KubectlResult>;
  /** Kills the process (SIGTERM) and resolves with what it printed. */
  stop(): Promise<KubectlResult>;
}

/** Starts kubectl with a kubeconfig and arguments without waiting for it to exit. */
export function spawnKubectl(binary: string, kubeconfig: string, args: readonly string[], env: Record<string, string> = {}): KubectlProcess {
  const child = spawn(binary, ["--kubeconfig", kubeconfig, ...args], {
    env: { ...process.env, ...env, HOME: path.dirname(kubeconfig) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let exitCode: number | undefined;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const exit = new Promise<KubectlResult>((resolve) => {
    child.on("close", (code, signal) => {
      exitCode = code ?? (signal ? 128 : 1);
      notify();
      resolve({ code: exitCode, stdout, stderr });
    });
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000, stream: "stdout" | "stderr" = "stdout") =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const output = stream === "stdout" ? stdout : stderr;
        if (pattern.test(output)) finish(() => resolve(output));
        else if (exitCode !== undefined) finish(() => reject(new Error(`kubectl exited with ${exitCode} before printing ${pattern}; stdout: ${stdout}; stderr: ${stderr}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`kubectl printed no match for ${pattern} in ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const exited = async (timeoutMs = 30_000) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    try {
      return await exit;
    } finally {
      clearTimeout(timer);
    }
  };

  const stop = async () => {
    if (exitCode === undefined) child.kill("SIGTERM");
    return exited(5_000);
  };

  return { stdout: () => stdout, waitForOutput, exited, stop };
}
