/** A Kubernetes version string split into its parts: `v2beta1` is major 2, stage beta, minor 1. */
interface KubeVersion {
  readonly major: number;
  /** 2 for GA, 1 for beta, 0 for alpha. */
  readonly stage: number;
  readonly minor: number;
}

const stages: Readonly<Record<string, number>> = { alpha: 0, beta: 1 };

function parseKubeVersion(version: string): KubeVersion | undefined {
  const match = /^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$/.exec(version);
  if (match === null) return undefined;
  const stage = match[2] === undefined ? 2 : (stages[match[2]] ?? 0);
  return { major: Number(match[1]), stage, minor: match[3] === undefined ? 0 : Number(match[3]) };
}

/**
 * Compares two version strings in Kubernetes priority order, for `Array.prototype.sort`:
 * GA before beta before alpha, higher major and minor numbers first (`v2`, `v1`,
 * `v1beta2`, `v1beta1`, `v1alpha1`), and strings that are not Kubernetes versions after
 * all of those, in lexical order.
 */
export function compareKubeAwareVersions(left: string, right: string): number {
  const a = parseKubeVersion(left);
  const b = parseKubeVersion(right);
  if (a === undefined && b === undefined) {
    if (left === right) return 0;
    return left < right ? -1 : 1;
  }
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (a.stage !== b.stage) return b.stage - a.stage;
  if (a.major !== b.major) return b.major - a.major;
  return b.minor - a.minor;
}
