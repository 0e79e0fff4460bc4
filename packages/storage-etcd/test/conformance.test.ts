import { afterAll, describe, it } from "vitest";
import { describeStorageConformance } from "@apimachinery/apiserver/storage-testing";
import { EtcdTestStores, etcdForTests } from "./harness.js";

const etcd = await etcdForTests("storage conformance: etcd");
afterAll(async () => {
  await etcd?.stop();
});

if (etcd) {
  // Progress requests are forced on: the bookmark case has no concurrent writers, so the
  // early responses of etcd before 3.4.31 cannot mislead it, and an etcd that CI starts
  // sends periodic notifications only every 10 minutes.
  const stores = new EtcdTestStores(etcd.endpoints, { progressRequests: true });
  describeStorageConformance("etcd", {
    open: () => stores.open(),
    reopen: (store) => stores.reopen(store),
    cleanup: () => stores.cleanup(),
  });
} else {
  describe.skip("storage conformance: etcd (no etcd available)", () => {
    it("needs etcd", () => {});
  });
}
