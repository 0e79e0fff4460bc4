import type { ListMeta } from "./list-meta.js";
import type { ObjectMeta } from "./object-meta.js";

/** An object reduced to its metadata (meta.k8s.io/v1 PartialObjectMetadata). */
export interface PartialObjectMetadata {
  apiVersion: "meta.k8s.io/v1" | "meta.k8s.io/v1beta1";
  kind: "PartialObjectMetadata";
  metadata?: ObjectMeta;
}

/** A list of objects reduced to their metadata (meta.k8s.io/v1 PartialObjectMetadataList). */
export interface PartialObjectMetadataList {
  apiVersion: "meta.k8s.io/v1" | "meta.k8s.io/v1beta1";
  kind: "PartialObjectMetadataList";
  metadata?: ListMeta;
  items: PartialObjectMetadata[];
}
