/** The messages between the bench process and the child process that runs a server under test. */
import type { StorageKind } from "@apimachinery/server";

/** The server that the child runs, and its settings. */
export interface ChildConfig {
  /**
   * `control-plane` runs `startControlPlane`; `bare` runs a node:http or node:http2 server
   * with a fixed body; `handler` runs the REST handler for Pods alone over plain HTTP.
   */
  readonly mode: "control-plane" | "bare" | "handler";
  /** The data directory: certificates under `pki/`, and the SQLite database. */
  readonly dataDir: string;
  readonly storage?: StorageKind;
  readonly etcdServers?: readonly string[];
  /** For `bare`: serve over TLS with the control plane's certificates (true) or plain HTTP. */
  readonly tls?: boolean;
  /** For `bare`: the body of every GET. */
  readonly body?: string;
  /** For `bare`: the bytes that `POST /broadcast` writes to every `GET /watch` stream. */
  readonly event?: string;
  /** For `handler`: serve lists from a watch cache. */
  readonly watchCache?: boolean;
  /** For `handler`: how many 3 KB Pods to write into the namespace `bench-list` first. */
  readonly pods?: number;
}

/** A message from the bench process to the child. */
export type ParentMessage =
  | { readonly kind: "count" }
  | { readonly kind: "stop" }
  | { readonly kind: "sample-start" }
  | { readonly kind: "sample-stop" };

/** A message from the child to the bench process. */
export type ChildMessage =
  | { readonly kind: "ready"; readonly url: string }
  | { readonly kind: "count"; readonly watchEncodes: number }
  | { readonly kind: "sampling" }
  /** The peak memory in use above the baseline taken at `sample-start`, in bytes. */
  | { readonly kind: "sample"; readonly peakExtraBytes: number }
  | { readonly kind: "failed"; readonly message: string };
