// The sandbox's own certificate authority and a server certificate for 127.0.0.1 / localhost, made at
// start (never downloaded or checked in) so clients can trust exactly this sandbox through `ca`.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as forge from 'node-forge';

export interface SandboxCertificates {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  /** A server certificate from the same CA for other names (wildcards allowed), over one shared key made on first use. */
  issue(hosts: readonly string[]): { certPem: string; keyPem: string };
}

interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
}

function keyPair(): KeyPair {
  // Node's native RSA generation is far faster than forge's pure-JS one; forge only signs.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem);
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem };
}

/** A certificate over a new key pair, valid for the given window; subject, issuer and extensions are the caller's. */
function newCertificate(notBefore: Date, notAfter: Date): { cert: forge.pki.Certificate; key: KeyPair } {
  const key = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  return { cert, key };
}

/**
 * A positive serial number in DER's minimal form: the top bit clear (else it reads as negative) and
 * the first byte never zero (a leading zero byte before a byte under 0x80 is padding that OpenSSL 3
 * refuses: "illegal padding", once in 256 certificates).
 */
export function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

export function createCertificates(hosts: readonly string[] = ['127.0.0.1', 'localhost']): SandboxCertificates {
  const now = new Date();
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000);

  const { cert: caCert, key: ca } = newCertificate(notBefore, notAfter);
  let sharedKey: KeyPair | undefined;
  const issue = (names: readonly string[]): { certPem: string; keyPem: string } => {
    sharedKey ??= keyPair();
    const leaf = forge.pki.createCertificate();
    leaf.publicKey = sharedKey.publicKey;
    leaf.serialNumber = serial();
    leaf.validity.notBefore = notBefore;
    leaf.validity.notAfter = notAfter;
    leaf.setSubject([{ name: 'commonName', value: names[0] ?? 'localhost' }]);
    leaf.setIssuer(caSubject);
    leaf.setExtensions(serverExtensions(names, caCert));
    leaf.sign(ca.privateKey, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(leaf), keyPem: sharedKey.pem };
  };
  const caSubject = [{ name: 'commonName', value: 'ACR Private Link Sandbox CA' }, { name: 'organizationName', value: 'ACR Private Link Sandbox' }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const { cert, key: server } = newCertificate(notBefore, notAfter);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? '127.0.0.1' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions(serverExtensions(hosts, caCert));
  cert.sign(ca.privateKey, forge.md.sha256.create());

  return { caCertPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(cert), keyPem: server.pem, issue };
}

function serverExtensions(hosts: readonly string[], caCert: forge.pki.Certificate): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: hosts.map((h) => (/^[\d.]+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })) },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ];
}
