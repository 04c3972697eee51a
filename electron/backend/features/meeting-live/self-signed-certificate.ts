import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

// A minimal DER writer for exactly one kind of certificate: a self-signed ECDSA P-256 server
// certificate for one IP address. Node can sign but not build X.509; the libraries that can pull
// in a global reflect polyfill or a large ASN.1 stack, for ~100 lines of well-specified encoding.

const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  const length =
    body.length < 0x80
      ? Buffer.from([body.length])
      : (() => {
          const bytes: number[] = [];
          for (let n = body.length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
          return Buffer.from([0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const sequence = (...parts: Buffer[]) => der(0x30, ...parts);
const set = (...parts: Buffer[]) => der(0x31, ...parts);
const octets = (value: Buffer) => der(0x04, value);
const bitString = (value: Buffer, unusedBits = 0) => der(0x03, Buffer.from([unusedBits]), value);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const explicit = (n: number, inner: Buffer) => der(0xa0 + n, inner);

function integer(bytes: Buffer): Buffer {
  // DER integers are signed: a leading 1 bit needs a zero byte in front to stay positive.
  return der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first! * 40 + second!];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let n = part >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 says. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const name = (commonName: string) => sequence(set(sequence(oid('2.5.4.3'), utf8(commonName))));
const extension = (id: string, critical: boolean, value: Buffer) =>
  sequence(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), octets(value));

function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  throw new Error(`not an IPv4 address: ${address}`);
}

export interface IssuedCertificate {
  certPem: string;
  /** SHA-256 of the whole certificate, as browsers show it in their certificate viewer. */
  sha256: string;
}

/**
 * Issues a certificate for `address`, signed by its own key (self-signed). The key stays the same
 * from meeting to meeting, so its SPKI hash (what a desktop app pins) does not change when the
 * laptop gets another address; only the certificate is issued anew then.
 */
export function issueSelfSignedCertificate(privateKey: KeyObject, address: string, now: Date, validDays = 365): IssuedCertificate {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha1').update(spki).digest();
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + validDays * 86_400_000);
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_WITH_SHA256,
    // Issuer equals subject: a client that trusts this certificate itself (pinned) finds its issuer.
    name(`Afstemming intervisie ${address}`),
    sequence(time(notBefore), time(notAfter)),
    name(`Afstemming intervisie ${address}`),
    spki,
    explicit(
      3,
      sequence(
        extension('2.5.29.19', true, sequence()),
        extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.14', false, octets(keyId)),
        extension('2.5.29.17', false, sequence(der(0x87, ipBytes(address)))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    sha256: createHash('sha256').update(certificate).digest('hex'),
  };
}

/** SHA-256 of the public key (SPKI), base64: what Chromium's --ignore-certificate-errors-spki-list and a pinning client compare. */
export function spkiPin(key: KeyObject): string {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}
