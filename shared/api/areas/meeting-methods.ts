import { z } from 'zod';
import type { LiveMeetingInfo, MeetingDeviceView, MeetingJoinInfo, MeetingSetup } from '../../domain/meeting-live';
import type { SessionInfo } from '../../domain/entities';
import { method, noInput as none, type MethodSpec } from '../method-spec';
import { id, requiredText, secret } from '../schemas';
import { say } from '../validation-messages';

const joinCode = z
  .string({ error: say('Vul de deelnamecode in.', 'Enter the join code.') })
  .max(20, say('Een deelnamecode heeft 6 tekens.', 'A join code has 6 characters.'))
  .transform((text) => text.toUpperCase().replace(/[\s-]/g, ''))
  .refine((text) => /^[0-9A-Z]{6}$/.test(text), say('Een deelnamecode heeft 6 letters en cijfers, zoals K7P-4QX.', 'A join code has 6 letters and digits, such as K7P-4QX.'));
const deviceKey = z.string().regex(/^[\w-]{8,64}$/, say('Onbekend apparaat.', 'Unknown device.'));
const pem = (label: string, labelEn: string) =>
  z
    .string()
    .max(64 * 1024, say(`${label}: maximaal 64 kB.`, `${labelEn}: at most 64 kB.`))
    .refine((text) => text.includes('-----BEGIN '), say(`${label}: plak de PEM-tekst (met -----BEGIN …-----).`, `${labelEn}: paste the PEM text (with -----BEGIN …-----).`));

/** The intervisie on this network: the coordinator's side (start, admit, stop) and a joined device's side. */
export const meetingMethods = {
  'meeting.setup': method<MeetingSetup>()('Adressen van deze computer, het certificaat en de lopende intervisie (alleen coördinator).', none),
  'meeting.start': method<LiveMeetingInfo>()(
    'Start "Intervisie op dit netwerk" voor een ronde op één gekozen adres (alleen coördinator).',
    z.strictObject({ roundId: id, address: z.string().max(64, say('Kies een adres uit de lijst.', 'Choose an address from the list.')) }),
  ),
  'meeting.stop': method<MeetingSetup>()('Stop de intervisie op het netwerk: de verbinding sluit en elk apparaat is afgemeld.', none),
  'meeting.admit': method<LiveMeetingInfo>()('Laat een apparaat toe dat wil deelnemen.', z.strictObject({ deviceKey })),
  'meeting.refuse': method<LiveMeetingInfo>()('Weiger een apparaat of zet het uit de intervisie.', z.strictObject({ deviceKey })),
  'meeting.setCurrent': method<LiveMeetingInfo>()(
    'De opname die nu op de projector staat; de apparaten openen haar scoreformulier.',
    z.strictObject({ recordingId: id }),
  ),
  'meeting.setCertificate': method<MeetingSetup>()(
    'Gebruik het certificaat van uw organisatie voor de intervisie op het netwerk (alleen coördinator).',
    z.strictObject({ certificatePem: pem('Certificaat', 'Certificate'), privateKeyPem: pem('Sleutel', 'Key') }),
  ),
  'meeting.clearCertificate': method<MeetingSetup>()('Gebruik weer het eigen certificaat van deze installatie.', none),

  'meeting.joinInfo': method<MeetingJoinInfo>()('Welke intervisie hoort bij deze code, en wie erin scoort.', z.strictObject({ joinCode })),
  'meeting.join': method<SessionInfo>()(
    'Neem met dit apparaat deel: de code, uw profiel en uw eigen pincode; daarna laat de coördinator u toe.',
    z.strictObject({ joinCode, raterId: id, pin: secret, deviceLabel: requiredText({ nl: 'Naam van dit apparaat', en: 'Name of this device' }, 40) }),
  ),
  'meeting.unlock': method<SessionInfo>()('Ontgrendel dit apparaat na inactiviteit met uw pincode.', z.strictObject({ pin: secret })),
  'meeting.device': method<MeetingDeviceView>()('Wat dit apparaat in de intervisie ziet: de agenda, de opname op de projector, na onthullen de scores.', none),
} as const satisfies Record<string, MethodSpec>;
