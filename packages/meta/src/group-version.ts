/** An API group and version; the core group is the empty string (`v1`). */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** A kind in an API group version, such as `apps/v1, Kind=Deployment`. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A resource in an API group version, such as `apps/v1, Resource=deployments`. */
export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}
