import type { Suite } from "../harness.js";
import { storageEtcdSuite } from "./storage-etcd.js";
import { storageSqliteSuite } from "./storage-sqlite.js";
import { yamlSuite } from "./yaml.js";

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: Suite[] = [storageEtcdSuite, storageSqliteSuite, yamlSuite];
