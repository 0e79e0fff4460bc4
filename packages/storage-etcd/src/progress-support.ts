/**
 * Reports whether an etcd server of `version` responds to progress requests accurately. Older servers send the
 * response on a control channel that can overtake events not sent yet, so a watch cache
 * that trusts it serves stale "consistent" reads. Kubernetes' documentation names the
 * releases that fixed it: etcd 3.4.31 and later 3.4 releases, and 3.5.13 and later.
 */
export function progressRequestsAccurate(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return false;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (major !== 3) return major > 3;
  if (minor === 4) return patch >= 31;
  if (minor === 5) return patch >= 13;
  return minor > 5;
}
