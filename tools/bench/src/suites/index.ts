import type { Suite } from "../harness.js";
import { jsonSuite } from "./json.js";
import { protobufSuite } from "./protobuf.js";
import { storageEtcdSuite } from "./storage-etcd.js";
import { storageSqliteSuite } from "./storage-sqlite.js";

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: Suite[] = [jsonSuite, protobufSuite, storageEtcdSuite, storageSqliteSuite];
