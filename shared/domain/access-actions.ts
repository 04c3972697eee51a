/**
 * What each access-log action means, in words a privacy officer reads ("Opname bekeken"), and
 * which kind of action it is (for the privacy page's filter). One table for the back end (the CSV
 * export names actions in Dutch, the overview filters by kind) and the UI (Dutch or English).
 *
 * The log stores the short code (`recording.read`), never the words: a renamed label changes old
 * rows too, and the hash chain covers the code. Codes come from METHOD_POLICIES' `audit`, from
 * handlers that log their own rows, and, for a refused call of a method without an audit code,
 * from the method name itself (dispatch's logOutcome). access-actions.test.ts fails when the back
 * end can write a code that has no entry here. A code that is still unknown (an old row) shows as
 * the code itself, never as nothing.
 */

/** Groups on the privacy page; every action is in exactly one. */
export const ACCESS_ACTION_KINDS = ['view', 'change', 'export', 'session', 'meeting', 'admin'] as const;
export type AccessActionKind = (typeof ACCESS_ACTION_KINDS)[number];

export interface AccessActionName {
  kind: AccessActionKind;
  nl: string;
  en: string;
}

const view = (nl: string, en: string): AccessActionName => ({ kind: 'view', nl, en });
const change = (nl: string, en: string): AccessActionName => ({ kind: 'change', nl, en });
const exported = (nl: string, en: string): AccessActionName => ({ kind: 'export', nl, en });
const session = (nl: string, en: string): AccessActionName => ({ kind: 'session', nl, en });
const meeting = (nl: string, en: string): AccessActionName => ({ kind: 'meeting', nl, en });
const admin = (nl: string, en: string): AccessActionName => ({ kind: 'admin', nl, en });

export const ACCESS_ACTIONS: Readonly<Record<string, AccessActionName>> = {
  // — sign-in and session —
  'session.sign_in': session('Aangemeld', 'Signed in'),
  'session.sign_out': session('Afgemeld', 'Signed out'),
  'session.change_pin': session('Eigen pincode gewijzigd', 'Own PIN changed'),
  // Method names: only ever written for a refused or failed call (these calls log nothing when they succeed).
  'session.get': session('Sessie opgevraagd', 'Session requested'),
  'session.lock': session('Werkplek vergrendeld', 'Workstation locked'),
  'session.touch': session('Sessie verlengd', 'Session extended'),
  'session.signOut': session('Afmelden', 'Sign out'),

  // — raters (team management) —
  'rater.create': admin('Beoordelaar toegevoegd', 'Rater added'),
  'rater.promote': admin('Beoordelaar coördinator gemaakt', 'Rater made coordinator'),
  'rater.pin_reset': admin('Pincode van beoordelaar opnieuw ingesteld', 'Rater’s PIN reset'),
  'raters.list': view('Beoordelaars bekeken', 'Raters viewed'),
  'raters.update': admin('Beoordelaar gewijzigd', 'Rater changed'),

  // — families —
  'families.list': view('Gezinnenlijst bekeken', 'Family list viewed'),
  'families.suggestCode': view('Gezinscode voorgesteld', 'Family code suggested'),
  'family.create': change('Gezin aangemaakt', 'Family created'),
  'family.read': view('Gezin bekeken', 'Family viewed'),
  'family.update': change('Gezin gewijzigd', 'Family changed'),
  'family.erase': admin('Gezin definitief verwijderd', 'Family erased'),
  'caregiver.add': change('Ouder/verzorger toegevoegd', 'Caregiver added'),
  'caregiver.update': change('Ouder/verzorger gewijzigd', 'Caregiver changed'),
  'caregiver.remove': change('Ouder/verzorger verwijderd', 'Caregiver removed'),
  'visit.list': view('Huisbezoeken van gezin bekeken', 'Family home visits viewed'),
  'visit.add': change('Huisbezoek toegevoegd', 'Home visit added'),
  'visit.update': change('Huisbezoek gewijzigd', 'Home visit changed'),
  'visit.remove': change('Huisbezoek verwijderd', 'Home visit removed'),
  'visit.answer': change('Vraag bij huisbezoek beantwoord', 'Home-visit question answered'),

  // — the family's dossier (babyformulier) —
  'dossier.read': view('Dossier van gezin bekeken', 'Family dossier viewed'),
  'dossier.phase_start': change('Volgende fase ingegaan', 'Next phase entered'),
  'dossier.phase_date': change('Begindatum van fase gewijzigd', 'Phase start date changed'),
  'dossier.phase_undo': change('Fase teruggezet', 'Phase undone'),
  'dossier.intake_update': change('Aanmelding gewijzigd', 'Referral details changed'),
  'dossier.override': change('Contra-indicatie doorbroken door coördinator', 'Contra-indication overridden by coordinator'),
  'dossier.entry_add': change('Logboekregel toegevoegd', 'Logbook entry added'),
  'dossier.entry_update': change('Logboekregel gewijzigd', 'Logbook entry changed'),
  'dossier.entry_remove': change('Logboekregel verwijderd', 'Logbook entry removed'),
  // — the video-feedback session of a home visit —
  'feedback.read': view('Videofeedback van huisbezoek bekeken', 'Home visit video feedback viewed'),
  'feedback.candidates': view('Fragmenten voor videofeedback bekeken', 'Fragments for video feedback viewed'),
  'feedback.item_add': change('Fragment gekozen voor videofeedback', 'Fragment chosen for video feedback'),
  'feedback.caption': change('Onderschrift voor de ouders gewijzigd', 'Caption for the parents changed'),
  'feedback.item_move': change('Volgorde van videofeedback gewijzigd', 'Video feedback order changed'),
  'feedback.item_remove': change('Fragment uit videofeedback gehaald', 'Fragment removed from video feedback'),
  'feedback.words': change('Woorden van de ouders bewaard', "Parents' words saved"),
  'feedback.film': exported('Feedbackfilm van huisbezoek gemaakt', 'Home visit feedback film made'),

  // — guidance goals and the parents' evaluation form —
  'goal.read': view('Begeleidingsdoelen bekeken', 'Guidance goals viewed'),
  'goal.create': change('Begeleidingsdoel opgesteld', 'Guidance goal set'),
  'goal.update': change('Begeleidingsdoel gewijzigd', 'Guidance goal changed'),
  'goal.status': change('Status van begeleidingsdoel gewijzigd', 'Guidance goal status changed'),
  'goal.evaluate': change('Begeleidingsdoel geëvalueerd', 'Guidance goal evaluated'),
  'goal.link': change('Score of fragment aan doel gekoppeld', 'Score or fragment linked to goal'),
  'goal.unlink': change('Koppeling van doel losgemaakt', 'Link removed from goal'),
  'goal.remove': change('Begeleidingsdoel verwijderd', 'Guidance goal removed'),
  'evaluation.read': view('Evaluatieformulier ouders bekeken', 'Parents’ evaluation form viewed'),
  'evaluation.answer': change('Evaluatieformulier ouders ingevuld', 'Parents’ evaluation form filled in'),
  'evaluation.summary': view('Samenvatting evaluatie ouders bekeken', 'Summary of parents’ evaluations viewed'),
  // Method names: only ever written for a refused or failed call (the questions hold no family data).
  'evaluation.questions': view('Vragen van evaluatieformulier bekeken', 'Evaluation form questions viewed'),
  'evaluation.addQuestion': admin('Vraag aan evaluatieformulier toegevoegd', 'Question added to evaluation form'),
  'evaluation.updateQuestion': admin('Vraag van evaluatieformulier gewijzigd', 'Evaluation form question changed'),
  'evaluation.moveQuestion': admin('Vraag van evaluatieformulier verplaatst', 'Evaluation form question moved'),
  'evaluation.archiveQuestion': admin('Vraag van evaluatieformulier gearchiveerd of teruggehaald', 'Evaluation form question archived or restored'),
  'export.evaluation_csv': exported('Samenvatting evaluatie ouders geëxporteerd (CSV)', 'Summary of parents’ evaluations exported (CSV)'),

  // — recordings and media jobs —
  'recording.list': view('Opnamelijst bekeken', 'Recording list viewed'),
  'recording.read': view('Opname bekeken', 'Recording viewed'),
  'recording.play': view('Video afgespeeld', 'Video played'),
  'recording.update': change('Opname gewijzigd', 'Recording changed'),
  'recording.remove': change('Opname verwijderd', 'Recording removed'),
  'recording.import': change('Opname geïmporteerd', 'Recording imported'),
  'recordings.savePosition': change('Afspeelpositie bewaard', 'Playback position saved'),
  'job.list': view('Taken bekeken', 'Jobs viewed'),
  'job.cancel': change('Taak geannuleerd', 'Job cancelled'),
  'job.retry': change('Taak opnieuw gestart', 'Job retried'),

  // — fragments, tags, mentalizing questions —
  'fragment.list': view('Fragmenten bekeken', 'Fragments viewed'),
  'fragment.create': change('Fragment gemaakt', 'Fragment created'),
  'fragment.update': change('Fragment gewijzigd', 'Fragment changed'),
  'fragment.remove': change('Fragment verwijderd', 'Fragment removed'),
  'fragment.restore': change('Fragment teruggezet', 'Fragment restored'),
  'fragment.import': change('Fragmenten geïmporteerd (EAF)', 'Fragments imported (EAF)'),
  'fragment.export': exported('Fragmenten geëxporteerd', 'Fragments exported'),
  'tags.list': view('Labels bekeken', 'Tags viewed'),
  'tags.create': admin('Label aangemaakt', 'Tag created'),
  'tags.update': admin('Label gewijzigd', 'Tag changed'),
  'tags.archive': admin('Label gearchiveerd', 'Tag archived'),
  'tags.unarchive': admin('Label teruggehaald', 'Tag unarchived'),
  'questions.list': view('Mentaliseervragen bekeken', 'Mentalizing questions viewed'),
  'questions.update': admin('Mentaliseervragen gewijzigd', 'Mentalizing questions changed'),
  'visitQuestions.list': view('Vragen bij huisbezoek bekeken', 'Home-visit questions viewed'),
  'visitQuestions.update': admin('Vragen bij huisbezoek gewijzigd', 'Home-visit questions changed'),

  // — scoring and rounds —
  'scoring.anchors': view('Ankers bekeken', 'Anchors viewed'),
  'scoring.anchorVersions': view('Ankerversies bekeken', 'Anchor versions viewed'),
  'scoring.updateAnchors': admin('Ankers gewijzigd', 'Anchors changed'),
  'score.read': view('Scorekaart bekeken', 'Score card viewed'),
  'score.read_others': view('Scores van anderen bekeken', 'Others’ scores viewed'),
  'score.list': view('Eigen scores bekeken', 'Own scores viewed'),
  'score.save': change('Score opgeslagen', 'Score saved'),
  'score.submit': change('Scorekaart ingediend', 'Score card submitted'),
  'score.reopen': change('Scorekaart heropend', 'Score card reopened'),
  'rounds.list': view('Rondes bekeken', 'Rounds viewed'),
  'round.read': view('Ronde bekeken', 'Round viewed'),
  'round.create': change('Ronde aangemaakt', 'Round created'),
  'round.update': change('Ronde gewijzigd', 'Round changed'),
  'round.reveal': meeting('Scores van ronde onthuld', 'Round scores revealed'),
  'round.meeting': meeting('Intervisie bekeken', 'Intervisie viewed'),
  'round.discussion': meeting('Bespreking vastgelegd', 'Discussion recorded'),
  'round.consensus': meeting('Consensusscore vastgelegd', 'Consensus score recorded'),

  // — trends and agreement —
  'trend.family_read': view('Trend van gezin bekeken', 'Family trend viewed'),
  'trend.team_read': view('Teamoverzicht bekeken', 'Team overview viewed'),
  'agreement.read': view('Overeenstemming bekeken', 'Agreement viewed'),

  // — exports (each one logged, every time) —
  'export.csv': exported('Scores geëxporteerd (CSV)', 'Scores exported (CSV)'),
  'export.xlsx': exported('Scores geëxporteerd (XLSX)', 'Scores exported (XLSX)'),
  'export.pdf_family': exported('Gezinsrapport geëxporteerd (PDF)', 'Family report exported (PDF)'),
  'export.pdf_team': exported('Teamrapport geëxporteerd (PDF)', 'Team report exported (PDF)'),
  'export.dossier_pdf': exported('Dossier van gezin geëxporteerd (PDF)', 'Family dossier exported (PDF)'),
  'export.dossier_xlsx': exported('Dossier van gezin geëxporteerd (XLSX)', 'Family dossier exported (XLSX)'),
  'export.pdf_minutes': exported('Verslag intervisie geëxporteerd (PDF)', 'Intervisie minutes exported (PDF)'),
  'export.agreement_csv': exported('Overeenstemming geëxporteerd (CSV)', 'Agreement exported (CSV)'),
  'export.video': exported('Videoexport aangevraagd', 'Video export requested'),
  'export.list': view('Videoexports bekeken', 'Video exports viewed'),
  'export.download': exported('Videoexport gedownload', 'Video export downloaded'),
  'access_log.export': exported('Toegangslogboek geëxporteerd (CSV)', 'Access log exported (CSV)'),

  // — the live intervisie on the network —
  'meeting.setup': meeting('Intervisie-instellingen bekeken', 'Intervisie settings viewed'),
  'meeting.start': meeting('Intervisie op het netwerk gestart', 'Network intervisie started'),
  'meeting.stop': meeting('Intervisie op het netwerk gestopt', 'Network intervisie stopped'),
  'meeting.setCurrent': meeting('Getoonde opname gekozen', 'Projected recording chosen'),
  'meeting.join_info': meeting('Deelname-informatie opgevraagd', 'Join information requested'),
  'meeting.join_request': meeting('Verzoek om deel te nemen', 'Request to join'),
  'meeting.join': meeting('Deelgenomen met apparaat', 'Joined with a device'),
  'meeting.admit': meeting('Apparaat toegelaten', 'Device admitted'),
  'meeting.refuse': meeting('Apparaat geweigerd of uit de intervisie gezet', 'Device refused or removed'),
  'meeting.results': meeting('Uitslag op apparaat bekeken', 'Results viewed on a device'),
  'meeting.certificate': meeting('Certificaat van de intervisie ingesteld', 'Intervisie certificate set'),
  'meeting.refused_request': meeting('Netwerkverzoek geweigerd', 'Network request refused'),

  // — the access log, backups, the app itself —
  'access_log.read': view('Toegangslogboek van gezin bekeken', 'Family access log viewed'),
  'access_log.overview': view('Toegangslogboek bekeken', 'Access log viewed'),
  'access_log.verify': admin('Toegangslogboek gecontroleerd', 'Access log verified'),
  'access_log.keyed': admin('Toegangslogboek beveiligd met een sleutel', 'Access log secured with a key'),
  'backup.create': admin('Back-up gemaakt', 'Backup made'),
  'backup.verify': admin('Back-up gecontroleerd', 'Backup verified'),
  'backup.restore': admin('Back-up klaargezet om terug te zetten', 'Backup staged for restore'),
  'backup.restored': admin('Back-up teruggezet', 'Backup restored'),
  unknown_method: admin('Onbekende opdracht', 'Unknown request'),
};

export type AccessLanguage = 'nl' | 'en';

/** The action in words; the stored code itself when it is unknown (never blank). */
export function accessActionName(action: string, language: string = 'nl'): string {
  const entry = Object.prototype.hasOwnProperty.call(ACCESS_ACTIONS, action) ? ACCESS_ACTIONS[action] : undefined;
  if (!entry) return action;
  return language.startsWith('en') ? entry.en : entry.nl;
}

/** Every known action of one kind (the back end filters the log with these). */
export function actionsOfKind(kind: AccessActionKind): string[] {
  return Object.entries(ACCESS_ACTIONS)
    .filter(([, entry]) => entry.kind === kind)
    .map(([action]) => action);
}

/**
 * The device a row came through, which the back end appends to the detail as "· via <device>"
 * (access-log-repository.ts withVia), split off so a reader sees it next to who it was.
 */
export function splitVia(detail: string): { detail: string; via: string | null } {
  if (detail.startsWith('via ')) return { detail: '', via: detail.slice(4) };
  const at = detail.lastIndexOf(' · via ');
  if (at < 0) return { detail, via: null };
  return { detail: detail.slice(0, at), via: detail.slice(at + ' · via '.length) };
}
