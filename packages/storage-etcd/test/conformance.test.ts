import { afterAll, describe, it } from "vitest";
import { describeStorageConformance } from "@apimachinery/apiserver/storage-testing";
import { EtcdTestStores, etcdForTests } from "./harness.js";

const etcd = await etcdForTests("storage conformance: etcd");
afterAll(async () => {
  await etcd?.stop();
});

if (etcd) {
  const stores = new EtcdTestStores(etcd.endpoints);
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
