import type { AgreementStatus, Indication } from '../../../../../shared/domain/dossier';
import type { GoalStatus } from '../../../../../shared/domain/goals';
import type { ExportLanguage } from '../../../../../shared/domain/exports';
import { formatLocalDateTime, systemTimeZone } from '../../../../../shared/domain/local-time';
import { REPORT_WORDS } from '../../trends/report-words';

// The dossier export's words in the file's language. Phases, roles, activities and moments come
// from the reports' shared words, so a family's report and its dossier never name them apart.

const SECTIONS = {
  nl: {
    family: 'Gezin',
    phases: 'Fasen',
    intake: 'Aanmelding',
    goals: 'Begeleidingsdoelen',
    visits: 'Huisbezoeken',
    visitAnswers: 'Vragen na het huisbezoek',
    feedback: 'Videofeedback',
    evaluation: 'Evaluatie door de ouders',
    recordings: 'Opnamen',
    logbook: 'Logboek',
    openAgreements: 'Open afspraken',
  },
  en: {
    family: 'Family',
    phases: 'Phases',
    intake: 'Referral',
    goals: 'Guidance goals',
    visits: 'Home visits',
    visitAnswers: 'Questions after the visit',
    feedback: 'Video feedback',
    evaluation: "Parents' evaluation",
    recordings: 'Recordings',
    logbook: 'Logbook',
    openAgreements: 'Open agreements',
  },
} as const;

const FIELDS = {
  nl: {
    code: 'Gezinscode',
    birthMonth: 'Geboortemaand baby',
    referralDate: 'Datum aanmelding',
    currentPhase: 'Huidige fase',
    caregivers: 'Ouders/verzorgers',
    notes: 'Notities',
    referrer: 'Verwijzer',
    indication: 'Indicatie',
    indicationNote: 'Toelichting indicatie',
    highStress: 'Contra-indicatie: zeer hoge stress bij de ouder',
    highStressNote: 'Toelichting stress',
    unsafe: 'Contra-indicatie: acuut onveilige situatie',
    unsafeNote: 'Toelichting onveilige situatie',
    override: 'Toch door ondanks contra-indicatie',
    overrideReason: 'Reden van de coördinator',
  },
  en: {
    code: 'Family code',
    birthMonth: "Baby's birth month",
    referralDate: 'Referral date',
    currentPhase: 'Current phase',
    caregivers: 'Parents/caregivers',
    notes: 'Notes',
    referrer: 'Referrer',
    indication: 'Indication',
    indicationNote: 'Note on the indication',
    highStress: "Contra-indication: very high parental stress",
    highStressNote: 'Note on the stress',
    unsafe: 'Contra-indication: acute unsafe situation',
    unsafeNote: 'Note on the unsafe situation',
    override: 'Continued despite a contra-indication',
    overrideReason: "The coordinator's reason",
  },
} as const;

const COLUMNS = {
  nl: {
    id: 'Nummer',
    phase: 'Fase',
    from: 'Vanaf',
    until: 'Tot',
    date: 'Datum',
    agreement: 'Afspraak',
    text: 'Tekst',
    author: 'Door',
    createdAt: 'Aangemaakt',
    updatedAt: 'Gewijzigd',
    recordings: 'Opnamen',
    notes: 'Notities',
    recordedOn: 'Opgenomen op',
    visitDate: 'Huisbezoek',
    visitId: 'Nummer huisbezoek',
    activity: 'Activiteit',
    moment: 'Meetmoment',
    minutes: 'Minuten',
    present: 'Aanwezig',
    question: 'Vraag',
    answer: 'Antwoord',
    position: 'Nr.',
    caption: 'Onderschrift voor de ouders',
    span: 'Fragment',
    fragmentId: 'Nummer fragment',
    recordingId: 'Nummer opname',
    parentsWords: 'Woorden van de ouders',
    goal: 'Doel',
    status: 'Status (verloop)',
    motivation: 'Aanleiding (scores en fragmenten)',
    evaluation: 'Evaluatie',
    evaluatedOn: 'Geëvalueerd op',
    score: 'Score',
  },
  en: {
    id: 'Number',
    phase: 'Phase',
    from: 'From',
    until: 'Until',
    date: 'Date',
    agreement: 'Agreement',
    text: 'Text',
    author: 'By',
    createdAt: 'Created',
    updatedAt: 'Changed',
    recordings: 'Recordings',
    notes: 'Notes',
    recordedOn: 'Recorded on',
    visitDate: 'Home visit',
    visitId: 'Home visit number',
    activity: 'Activity',
    moment: 'Measurement moment',
    minutes: 'Minutes',
    present: 'Present',
    question: 'Question',
    answer: 'Answer',
    position: 'No.',
    caption: 'Caption for the parents',
    span: 'Fragment',
    fragmentId: 'Fragment number',
    recordingId: 'Recording number',
    parentsWords: "The parents' words",
    goal: 'Goal',
    status: 'Status (history)',
    motivation: 'Motivated by (scores and fragments)',
    evaluation: 'Evaluation',
    evaluatedOn: 'Evaluated on',
    score: 'Score',
  },
} as const;

export interface DossierWords {
  language: ExportLanguage;
  sections: { [K in keyof (typeof SECTIONS)['nl']]: string };
  fields: { [K in keyof (typeof FIELDS)['nl']]: string };
  columns: { [K in keyof (typeof COLUMNS)['nl']]: string };
  indications: Record<Indication, string>;
  agreementStatuses: Record<AgreementStatus, string>;
  goalStatuses: Record<GoalStatus, string>;
  hiddenLink: string;
  consensus: string;
  fragment: string;
  noAnswers: string;
  noFeedback: string;
  noGoals: string;
  noEvaluation: string;
  yes: string;
  no: string;
  none: string;
  unknown: string;
  current: string;
  noEntries: string;
  noOpenAgreements: string;
  noVisits: string;
  noRecordings: string;
  title(code: string): string;
  subtitle: string;
  made(date: string): string;
  footer(code: string): string;
  page: { page: string; of: string };
  explanationSheet: string;
  explanation: string[];
  overrideBy(name: string, at: string): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

export const DOSSIER_WORDS: Record<ExportLanguage, DossierWords> = {
  nl: {
    language: 'nl',
    sections: SECTIONS.nl,
    fields: FIELDS.nl,
    columns: COLUMNS.nl,
    indications: { psychiatrisch: 'psychiatrische problematiek', lvb: 'licht verstandelijke beperking', beide: 'beide', anders: 'anders' },
    agreementStatuses: { open: 'open', nagekomen: 'nagekomen', 'niet-nagekomen': 'niet nagekomen', vervallen: 'vervallen' },
    goalStatuses: { open: 'open', 'in-behandeling': 'in behandeling', bereikt: 'bereikt' },
    hiddenLink: 'niet zichtbaar voor u (blinde ronde)',
    consensus: 'consensus',
    fragment: 'fragment',
    noAnswers: 'Nog geen antwoorden.',
    noFeedback: 'Nog geen videofeedback.',
    noGoals: 'Nog geen begeleidingsdoelen.',
    noEvaluation: 'De ouders hebben het evaluatieformulier nog niet ingevuld.',
    yes: 'ja',
    no: 'nee',
    none: 'geen',
    unknown: 'onbekend',
    current: 'nu',
    noEntries: 'Nog geen logboekregels.',
    noOpenAgreements: 'Geen open afspraken.',
    noVisits: 'Nog geen huisbezoeken.',
    noRecordings: 'Nog geen opnamen.',
    title: (code) => `Dossier gezin ${code}`,
    subtitle: 'Ouder-baby interventie: babyformulier',
    made: (date) => `Gemaakt op ${date} voor het EPD. Pseudoniem: gezinscode, ouders naar hun rol, beoordelaars met initialen.`,
    footer: (code) => `Afstemming · dossier ${code} · vertrouwelijk`,
    page: { page: 'pagina', of: 'van' },
    explanationSheet: 'Toelichting',
    explanation: [
      'Het dossier (babyformulier) van één gezin uit Afstemming, met elk veld: één blad per onderdeel.',
      'Pseudoniem: het gezin staat er met zijn code in, ouders met hun rol, beoordelaars met hun initialen; bestandsnamen van opnamen staan er niet in.',
      'Scores staan er alleen in zoals u ze in de app mag zien: een ronde die nog blind is, blijft erbuiten.',
      'Datums als dd-mm-jjjj; tijden in de tijdzone van deze computer.',
    ],
    overrideBy: (name, at) => `ja, door ${name} op ${at}`,
    date: REPORT_WORDS.nl.date,
    dateTime: (iso) => formatLocalDateTime(iso, systemTimeZone(), 'nl'),
  },
  en: {
    language: 'en',
    sections: SECTIONS.en,
    fields: FIELDS.en,
    columns: COLUMNS.en,
    indications: { psychiatrisch: 'psychiatric problems', lvb: 'mild intellectual disability', beide: 'both', anders: 'other' },
    agreementStatuses: { open: 'open', nagekomen: 'kept', 'niet-nagekomen': 'not kept', vervallen: 'lapsed' },
    goalStatuses: { open: 'open', 'in-behandeling': 'being worked on', bereikt: 'reached' },
    hiddenLink: 'not visible to you (blind round)',
    consensus: 'consensus',
    fragment: 'fragment',
    noAnswers: 'No answers yet.',
    noFeedback: 'No video feedback yet.',
    noGoals: 'No guidance goals yet.',
    noEvaluation: 'The parents have not filled in the evaluation form yet.',
    yes: 'yes',
    no: 'no',
    none: 'none',
    unknown: 'unknown',
    current: 'now',
    noEntries: 'No logbook entries yet.',
    noOpenAgreements: 'No open agreements.',
    noVisits: 'No home visits yet.',
    noRecordings: 'No recordings yet.',
    title: (code) => `Dossier of family ${code}`,
    subtitle: 'Parent-baby intervention: baby form',
    made: (date) => `Made on ${date} for the electronic patient record. Pseudonymous: family code, parents by their role, raters by initials.`,
    footer: (code) => `Afstemming · dossier ${code} · confidential`,
    page: { page: 'page', of: 'of' },
    explanationSheet: 'Explanation',
    explanation: [
      "One family's dossier (baby form) from Afstemming with every field: one sheet per part.",
      'Pseudonymous: the family by its code, parents by their role, raters by their initials; file names of recordings are left out.',
      'Scores appear only as you may see them in the app: a round that is still blind is left out.',
      'Dates as YYYY-MM-DD; times in this computer’s time zone.',
    ],
    overrideBy: (name, at) => `yes, by ${name} on ${at}`,
    date: REPORT_WORDS.en.date,
    dateTime: (iso) => formatLocalDateTime(iso, systemTimeZone(), 'en'),
  },
};
