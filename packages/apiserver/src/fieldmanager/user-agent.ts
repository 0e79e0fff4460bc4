/**
 * Returns the field manager of a request: the `fieldManager` parameter when set, else the
 * part of the User-Agent before the first `/` (`kubectl` for `kubectl/v1.35.0 (linux/amd64)`),
 * as kube-apiserver names managers of clients that do not name themselves.
 */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  return (userAgent ?? "").split("/")[0] ?? "";
}
