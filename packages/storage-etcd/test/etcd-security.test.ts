import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Etcd3 } from "etcd3";
import { isStorageError } from "@apimachinery/apiserver";
import { etcdUnavailable, startEtcd } from "@apimachinery/testing";
import { EtcdStorage } from "../src/index.js";

const SUITE = "storage-etcd authentication and TLS tests";
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The PEM files of a test CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
interface Certificates {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
}

/** Writes the test certificates into `dir` with openssl. */
function makeCertificates(dir: string): Certificates {
  const file = (name: string): string => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  execFileSync("openssl", ["req", "-x509", ...ec, "-keyout", file("ca.key"), "-out", file("ca.crt"), "-days", "1", "-subj", "/CN=apimachinery test CA"], { stdio: "ignore" });
  execFileSync("openssl", ["req", ...ec, "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/CN=127.0.0.1"], { stdio: "ignore" });
  writeFileSync(file("server.ext"), "subjectAltName=IP:127.0.0.1\n");
  execFileSync(
    "openssl",
    ["x509", "-req", "-in", file("server.csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"), "-CAcreateserial", "-out", file("server.crt"), "-days", "1", "-extfile", file("server.ext")],
    { stdio: "ignore" },
  );
  execFileSync("openssl", ["req", ...ec, "-keyout", file("client.key"), "-out", file("client.csr"), "-subj", "/CN=apimachinery"], { stdio: "ignore" });
  writeFileSync(file("client.ext"), "extendedKeyUsage=clientAuth\n");
  execFileSync(
    "openssl",
    ["x509", "-req", "-in", file("client.csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"), "-CAcreateserial", "-out", file("client.crt"), "-days", "1", "-extfile", file("client.ext")],
    { stdio: "ignore" },
  );
  return {
    caFile: file("ca.crt"),
    certFile: file("server.crt"),
    keyFile: file("server.key"),
    clientCertFile: file("client.crt"),
    clientKeyFile: file("client.key"),
  };
}

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const certificateDir = mkdtempSync(join(tmpdir(), "apimachinery-etcd-tls-"));
const certificates = hasOpenssl() ? makeCertificates(certificateDir) : undefined;
if (certificates === undefined) console.warn(`SKIPPING the TLS case of ${SUITE}: openssl is not on PATH.`);
const plain = await startEtcd({ spawn: true });
const secure = certificates ? await startEtcd({ tls: { caFile: certificates.caFile, certFile: certificates.certFile, keyFile: certificates.keyFile } }) : undefined;
const mutual = certificates ? await startEtcd({ tls: certificates }) : undefined;
if (plain === undefined) {
  if (process.env["ETCD_ENDPOINTS"]) console.warn(`SKIPPING ${SUITE}: they need the etcd binary on PATH to start a private etcd.`);
  else console.warn(etcdUnavailable(SUITE));
}
afterAll(async () => {
  await plain?.stop();
  await secure?.stop();
  await mutual?.stop();
  rmSync(certificateDir, { recursive: true, force: true });
});

describe.skipIf(!plain)("EtcdStorage with etcd authentication", () => {
  it("reads and writes as an authenticated user", async () => {
    const admin = new Etcd3({ hosts: [...plain!.endpoints] });
    try {
      await admin.user("root").create("root-password");
      await admin.user("root").addRole("root");
      await admin.auth.authEnable();
    } finally {
      admin.close();
    }

    const store = new EtcdStorage({ endpoints: plain!.endpoints, auth: { username: "root", password: "root-password" } });
    const anonymous = new EtcdStorage({ endpoints: plain!.endpoints });
    const wrong = new EtcdStorage({ endpoints: plain!.endpoints, auth: { username: "root", password: "wrong" } });
    try {
      const created = await store.create("/auth/a", bytes("1"));
      expect((await store.get("/auth/a"))?.modRevision).toBe(created.modRevision);
      const denied = await anonymous.get("/auth/a").catch((error: unknown) => error);
      expect(isStorageError(denied, "Unreachable")).toBe(true);
      const rejected = await wrong.get("/auth/a").catch((error: unknown) => error);
      expect(isStorageError(rejected, "Unreachable")).toBe(true);
    } finally {
      await store.close();
      await anonymous.close();
      await wrong.close();
    }
  });
});

describe.skipIf(!secure)("EtcdStorage over TLS", () => {
  it("reads, writes and watches over https", async () => {
    const store = new EtcdStorage({ endpoints: secure!.endpoints, tls: { ca: readFileSync(certificates!.caFile) } });
    try {
      const start = await store.currentRevision();
      const watch = store.watch("/tls/", { recursive: true, fromRevision: start });
      const created = await store.create("/tls/a", bytes("secret"));
      const iterator = watch[Symbol.asyncIterator]();
      const event = await iterator.next();
      watch.stop();
      expect(event.value?.type).toBe("ADDED");
      expect(event.value?.type === "ADDED" ? event.value.revision : 0).toBe(created.modRevision);
    } finally {
      await store.close();
    }
  });

  it("fails with Unreachable without the CA", async () => {
    const store = new EtcdStorage({ endpoints: secure!.endpoints, requestTimeoutMs: 3000 });
    try {
      const error = await store.get("/tls/a").catch((caught: unknown) => caught);
      expect(isStorageError(error, "Unreachable")).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!mutual)("EtcdStorage with client certificates", () => {
  it("connects with a client certificate", async () => {
    const tls = {
      ca: readFileSync(certificates!.caFile),
      cert: readFileSync(certificates!.clientCertFile),
      key: readFileSync(certificates!.clientKeyFile),
    };
    const store = new EtcdStorage({ endpoints: mutual!.endpoints, tls });
    try {
      const created = await store.create("/mtls/a", bytes("1"));
      expect((await store.get("/mtls/a"))?.modRevision).toBe(created.modRevision);
    } finally {
      await store.close();
    }
  });

  it("fails with Unreachable without one", async () => {
    const store = new EtcdStorage({ endpoints: mutual!.endpoints, tls: { ca: readFileSync(certificates!.caFile) }, requestTimeoutMs: 3000 });
    try {
      const error = await store.get("/mtls/a").catch((caught: unknown) => caught);
      expect(isStorageError(error, "Unreachable")).toBe(true);
    } finally {
      await store.close();
    }
  });
});
