import { createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { MeetingCertificateInfo } from '../../../../shared/domain/meeting-live';
import type { Db } from '../../db/open-database';
import { issueSelfSignedCertificate, spkiPin } from './self-signed-certificate';

// Which certificate the meeting's HTTPS listener presents. The organisation's own (IT issues it for
// a name in the internal zone: no warnings on the phones), else one of this installation: a key
// made once and kept in the database, and a certificate for the chosen address, issued anew only
// when the address changes or it nears its end, so its fingerprint stays the same month to month.

const KEYS = {
  installKey: 'meeting.install_key_pem',
  installCert: (address: string) => `meeting.install_cert_pem:${address}`,
  orgCert: 'meeting.organisation_cert_pem',
  orgKey: 'meeting.organisation_key_pem',
} as const;

const RENEW_BEFORE_MS = 30 * 86_400_000;

function setting(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

function store(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

const groups = (hex: string) => hex.replace(/:/g, '').toUpperCase().match(/.{1,4}/g)!.join(' ');

function describe(certificate: X509Certificate, key: KeyObject, source: MeetingCertificateInfo['source']): MeetingCertificateInfo {
  return {
    source,
    subject: certificate.subject.replace(/^CN=/, ''),
    validUntil: new Date(certificate.validTo).toISOString(),
    fingerprint: groups(certificate.fingerprint256),
    spkiPin: spkiPin(key),
  };
}

export interface ListenerCertificate {
  certPem: string;
  keyPem: string;
  info: MeetingCertificateInfo;
  /** The host name phones open: a DNS name of the organisation's certificate, else the address. */
  hostName: string;
}

/** Checks what a coordinator pasted: a certificate, its own private key, valid today. */
export function checkOrganisationCertificate(certPem: string, keyPem: string, now: Date): { certificate: X509Certificate; key: KeyObject } {
  let certificate: X509Certificate;
  let key: KeyObject;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    throw new AppError('invalid_input', msg('Dit is geen leesbaar certificaat (PEM).', 'This is not a readable certificate (PEM).'), { certificatePem: msg('Geen leesbaar certificaat.', 'Not a readable certificate.') });
  }
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new AppError('invalid_input', msg('Dit is geen leesbare privésleutel (PEM, zonder wachtwoord).', 'This is not a readable private key (PEM, without a password).'), { privateKeyPem: msg('Geen leesbare sleutel.', 'Not a readable key.') });
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new AppError('invalid_input', msg('De sleutel hoort niet bij dit certificaat.', 'The key does not belong to this certificate.'), { privateKeyPem: msg('Hoort niet bij het certificaat.', 'Does not belong to the certificate.') });
  }
  if (Date.parse(certificate.validTo) <= now.getTime() || Date.parse(certificate.validFrom) > now.getTime()) {
    const today = now.toISOString().slice(0, 10);
    const valid = `${certificate.validFrom} – ${certificate.validTo}`;
    throw new AppError('invalid_input', msg(`Dit certificaat is niet geldig op ${today} (geldig ${valid}).`, `This certificate is not valid on ${today} (valid ${valid}).`), {
      certificatePem: msg('Niet geldig vandaag.', 'Not valid today.'),
    });
  }
  return { certificate, key };
}

export function saveOrganisationCertificate(db: Db, certPem: string, keyPem: string, now: Date): void {
  checkOrganisationCertificate(certPem, keyPem, now);
  store(db, KEYS.orgCert, certPem);
  store(db, KEYS.orgKey, keyPem);
}

export function clearOrganisationCertificate(db: Db): void {
  store(db, KEYS.orgCert, null);
  store(db, KEYS.orgKey, null);
}

export function organisationCertificateInfo(db: Db): MeetingCertificateInfo | null {
  const certPem = setting(db, KEYS.orgCert);
  const keyPem = setting(db, KEYS.orgKey);
  if (!certPem || !keyPem) return null;
  return describe(new X509Certificate(certPem), createPrivateKey(keyPem), 'organisation');
}

function dnsNames(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4))
    .filter((name) => !name.includes('*'));
}

/** The certificate for a meeting on `address`; writes the install key or a new certificate when needed. */
export function certificateForMeeting(db: Db, address: string, now: Date): ListenerCertificate {
  const orgCert = setting(db, KEYS.orgCert);
  const orgKey = setting(db, KEYS.orgKey);
  if (orgCert && orgKey) {
    const { certificate, key } = checkOrganisationCertificate(orgCert, orgKey, now);
    return { certPem: orgCert, keyPem: orgKey, info: describe(certificate, key, 'organisation'), hostName: dnsNames(certificate)[0] ?? address };
  }
  let keyPem = setting(db, KEYS.installKey);
  if (!keyPem) {
    keyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    store(db, KEYS.installKey, keyPem);
  }
  const key = createPrivateKey(keyPem);
  let certPem = setting(db, KEYS.installCert(address));
  const usable = certPem && Date.parse(new X509Certificate(certPem).validTo) - now.getTime() > RENEW_BEFORE_MS;
  if (!certPem || !usable) {
    certPem = issueSelfSignedCertificate(key, address, now).certPem;
    store(db, KEYS.installCert(address), certPem);
  }
  return { certPem, keyPem, info: describe(new X509Certificate(certPem), key, 'self_signed'), hostName: address };
}
