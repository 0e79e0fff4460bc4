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
  /** The shard of the objects in this list, when the request selected a shard. */
  shardInfo?: ShardInfo;
}

/** The shard of objects that a sharded list contains (meta/v1 ShardInfo). */
export interface ShardInfo {
  /** The shard selector that the server applied. */
  selector?: string;
}
