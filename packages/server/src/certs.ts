import { webcrypto } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as x509 from "@peculiar/x509";

type KeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const validityDays = 365;

/** PEM-encoded certificates and keys of the control plane, as stored in the data directory. */
export interface ControlPlaneCertificates {
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  /** The admin client certificate: `CN=admin, O=system:masters`. */
  readonly adminCert: string;
  readonly adminKey: string;
}

const fileNames: Record<keyof ControlPlaneCertificates, string> = {
  caCert: "ca.crt",
  caKey: "ca.key",
  servingCert: "apiserver.crt",
  servingKey: "apiserver.key",
  adminCert: "admin.crt",
  adminKey: "admin.key",
};

function toPem(der: ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

function validity(): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Date.now() - 60_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + validityDays * 86_400_000) };
}

async function newKeys(): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as KeyPair;
}

async function exportKey(keys: KeyPair): Promise<string> {
  return toPem(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");
}

interface LeafRequest {
  readonly subject: string;
  readonly usage: string;
  readonly altNames?: x509.JsonGeneralName[];
}

async function issueLeaf(ca: { cert: x509.X509Certificate; keys: KeyPair }, request: LeafRequest) {
  const keys = await newKeys();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([request.usage]),
    await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
  ];
  if (request.altNames) extensions.push(new x509.SubjectAlternativeNameExtension(request.altNames));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: request.subject,
    issuer: ca.cert.subject,
    ...validity(),
    signingAlgorithm: algorithm,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions,
  });
  return { cert: cert.toString("pem") + "\n", key: await exportKey(keys) };
}

/**
 * Generates a CA, a serving certificate for `hosts` (DNS names and IP addresses) and an
 * admin client certificate, all ECDSA P-256 and valid for a year.
 */
export async function generateCertificates(hosts: readonly string[]): Promise<ControlPlaneCertificates> {
  const caKeys = await newKeys();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=apimachinery-ts-ca",
    ...validity(),
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const ca = { cert: caCert, keys: caKeys };
  const altNames: x509.JsonGeneralName[] = hosts.map((host) =>
    /^[\d.]+$/.test(host) || host.includes(":") ? { type: "ip", value: host } : { type: "dns", value: host },
  );
  const serving = await issueLeaf(ca, { subject: "CN=kube-apiserver", usage: x509.ExtendedKeyUsage.serverAuth, altNames });
  const admin = await issueLeaf(ca, { subject: "CN=admin, O=system:masters", usage: x509.ExtendedKeyUsage.clientAuth });
  return {
    caCert: caCert.toString("pem") + "\n",
    caKey: await exportKey(caKeys),
    servingCert: serving.cert,
    servingKey: serving.key,
    adminCert: admin.cert,
    adminKey: admin.key,
  };
}

/**
 * Loads the certificates from `dir`, generating and writing them (keys with mode 0600)
 * when `ca.crt` is absent. The serving certificate covers localhost, 127.0.0.1, ::1 and `extraHosts`.
 */
export async function loadOrCreateCertificates(dir: string, extraHosts: readonly string[] = []): Promise<ControlPlaneCertificates> {
  const pkiDir = path.join(dir, "pki");
  if (existsSync(path.join(pkiDir, fileNames.caCert))) {
    const entries = await Promise.all(
      Object.entries(fileNames).map(async ([field, file]) => [field, await readFile(path.join(pkiDir, file), "utf8")] as const),
    );
    return Object.fromEntries(entries) as unknown as ControlPlaneCertificates;
  }
  const hosts = [...new Set(["localhost", "127.0.0.1", "::1", ...extraHosts])];
  const certificates = await generateCertificates(hosts);
  await mkdir(pkiDir, { recursive: true, mode: 0o700 });
  for (const [field, file] of Object.entries(fileNames)) {
    const isKey = file.endsWith(".key");
    await writeFile(path.join(pkiDir, file), certificates[field as keyof ControlPlaneCertificates], { mode: isKey ? 0o600 : 0o644 });
  }
  return certificates;
}
