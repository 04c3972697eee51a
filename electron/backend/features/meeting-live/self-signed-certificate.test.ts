import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueSelfSignedCertificate, spkiPin } from './self-signed-certificate';

describe('self-signed meeting certificate', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = new Date('2026-12-03T12:00:00Z');
  const issued = issueSelfSignedCertificate(privateKey, '192.168.1.23', now);
  const certificate = new X509Certificate(issued.certPem);

  it('names exactly the chosen address, is signed by its own key and valid for a year', () => {
    expect(certificate.subjectAltName).toBe('IP Address:192.168.1.23');
    expect(certificate.checkPrivateKey(privateKey)).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(new Date(certificate.validTo).getTime() - now.getTime()).toBeGreaterThan(364 * 86_400_000);
    expect(certificate.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(issued.sha256);
  });

  it('reads as a server certificate to OpenSSL as well', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afstemming-cert-'));
    writeFileSync(join(dir, 'c.pem'), issued.certPem);
    const text = spawnSync('openssl', ['x509', '-in', join(dir, 'c.pem'), '-noout', '-text'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/TLS Web Server Authentication/);
    expect(text.stdout).toMatch(/CA:FALSE/);
    const verify = spawnSync('openssl', ['verify', '-CAfile', join(dir, 'c.pem'), '-partial_chain', join(dir, 'c.pem')], { encoding: 'utf8' });
    expect(verify.stdout).toMatch(/OK/);
  });

  it('keeps the key pin when the address (and so the certificate) changes', () => {
    const other = new X509Certificate(issueSelfSignedCertificate(privateKey, '10.0.0.8', now).certPem);
    expect(other.fingerprint256).not.toBe(certificate.fingerprint256);
    expect(spkiPin(privateKey)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses what is not an IPv4 address', () => {
    expect(() => issueSelfSignedCertificate(privateKey, 'evil.example', now)).toThrow();
  });
});
