import type { Suite } from "../harness.js";
import { clientNodeSuite } from "./client-node.js";
import { jsonSuite } from "./json.js";
import { listSuite } from "./list.js";
import { memorySuite } from "./memory.js";
import { protobufSuite } from "./protobuf.js";
import { serverSuite } from "./server.js";
import { storageEtcdSuite } from "./storage-etcd.js";
import { storageMemorySuite } from "./storage-memory.js";
import { storageSqliteSuite } from "./storage-sqlite.js";
import { watchSuite } from "./watch.js";
import { yamlSuite } from "./yaml.js";

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: Suite[] = [jsonSuite, protobufSuite, storageEtcdSuite, storageMemorySuite, storageSqliteSuite, yamlSuite, clientNodeSuite, serverSuite, watchSuite, listSuite, memorySuite];
