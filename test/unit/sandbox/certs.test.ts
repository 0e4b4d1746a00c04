// The sandbox's certificates parse in OpenSSL (Node's X509Certificate) every time: their serial
// numbers are positive DER integers in minimal form, never with the leading zero byte OpenSSL 3
// refuses as "illegal padding" (which once failed one start of the sandbox in 256 certificates).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createCertificates, serial } from '../../../src/sandbox/certs';

void describe('sandbox certificates', () => {
  void it('serial numbers are positive and minimal: the first byte is never 0x00 and never has the top bit set', () => {
    for (let i = 0; i < 4096; i++) {
      const first = parseInt(serial().slice(0, 2), 16);
      assert.ok(first > 0 && first < 0x80, `serial starting with 0x${first.toString(16)}`);
    }
  });

  void it('the CA, the server certificate and issued certificates all parse in OpenSSL, with the names asked for', () => {
    const certs = createCertificates();
    assert.ok(new X509Certificate(certs.caCertPem).ca);
    assert.match(new X509Certificate(certs.certPem).subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
    for (let i = 0; i < 40; i++) {
      const issued = certs.issue([`myregistry${i}.azurecr.io`]);
      const parsed = new X509Certificate(issued.certPem);
      assert.ok(parsed.checkHost(`myregistry${i}.azurecr.io`), parsed.subjectAltName);
      assert.ok(parsed.checkIssued(new X509Certificate(certs.caCertPem)));
    }
  });
});
