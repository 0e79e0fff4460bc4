/** Metadata of a list: the revision it reflects and the token for the next page. */
export interface ListMeta {
  /** @deprecated Kubernetes no longer sets selfLink. */
  selfLink?: string;
  /** The storage revision that the list reflects. */
  resourceVersion?: string;
  /** An opaque token that continues a paginated list; empty on the last page. */
  continue?: string;
  /** An estimate of the items left after this page, when the server can count them. */
  remainingItemCount?: number;
  /** The shard of the objects that this list holds, when the request selected a shard. */
  shardInfo?: ShardInfo;
}

/** The shard that a sharded list holds (meta/v1 ShardInfo). */
export interface ShardInfo {
  /** The shard selector that the server applied. */
  selector?: string;
}
