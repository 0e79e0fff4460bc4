/**
 * @packageDocumentation
 * Test helpers shared by the workspace: where the Kubernetes reference data is, and free
 * loopback ports. Nothing here is published.
 */
export { referenceDir, referencePath, fixtureDir, listFixtures, type Fixture } from "./reference.js";
export { freePort } from "./ports.js";
export { startEtcd, etcdUnavailable, type EtcdServer, type StartEtcdOptions } from "./etcd.js";
