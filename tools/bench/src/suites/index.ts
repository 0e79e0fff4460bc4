import type { Suite } from "../harness.js";
import { protobufSuite } from "./protobuf.js";
import { storageEtcdSuite } from "./storage-etcd.js";
import { storageMemorySuite } from "./storage-memory.js";
import { storageSqliteSuite } from "./storage-sqlite.js";
import { yamlSuite } from "./yaml.js";

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: Suite[] = [protobufSuite, storageEtcdSuite, storageMemorySuite, storageSqliteSuite, yamlSuite];
