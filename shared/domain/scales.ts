/**
 * The two Ainsworth scales of the Ouder-baby interventie (see SCALES.md): their keys, their range,
 * and the default anchor texts of the odd points. A coordinator may replace the texts per scale;
 * each saved score remembers which version of the texts was on screen.
 */
export const SCALE_KEYS = ['sensitivity', 'cooperation'] as const;
export type ScaleKey = (typeof SCALE_KEYS)[number];

export const SCALE_MIN = 1;
export const SCALE_MAX = 9;
export const SCALE_POINTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
/** Only the odd points have a described anchor; an even point lies between its two neighbours. */
export const ANCHOR_POINTS = [1, 3, 5, 7, 9] as const;
export type AnchorPoint = (typeof ANCHOR_POINTS)[number];

export interface AnchorText {
  /** Short name of the point, e.g. "Zeer sensitief". */
  title: string;
  /** The description. */
  text: string;
}

/** One point: Dutch always, English when the team has it. */
export interface AnchorEntry {
  nl: AnchorText;
  en?: AnchorText;
}

export type AnchorTexts = Record<`${AnchorPoint}`, AnchorEntry>;

export function isScaleKey(value: unknown): value is ScaleKey {
  return typeof value === 'string' && (SCALE_KEYS as readonly string[]).includes(value);
}

export function isScoreValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= SCALE_MIN && value <= SCALE_MAX;
}

/**
 * The described point(s) to show for a value: the point itself when it is odd, both neighbours
 * when it is even ("between the two anchors around it").
 */
export function nearestAnchors(value: number): AnchorPoint[] {
  if (!isScoreValue(value)) return [];
  if (value % 2 === 1) return [value as AnchorPoint];
  return [(value - 1) as AnchorPoint, (value + 1) as AnchorPoint];
}

export function anchorFor(texts: AnchorTexts, point: AnchorPoint, language: 'nl' | 'en'): AnchorText {
  const entry = texts[`${point}`];
  return (language === 'en' ? entry.en : undefined) ?? entry.nl;
}

/** Median of whole-point scores (a half point when the count is even). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Default texts, paraphrased in SCALES.md; the database is seeded with exactly these (version 1). */
export const DEFAULT_ANCHORS: Record<ScaleKey, AnchorTexts> = {
  sensitivity: {
    '9': {
      nl: {
        title: 'Zeer sensitief',
        text: 'Ziet ook kleine signalen, begrijpt ze vanuit het perspectief van de baby en reageert snel en passend; interacties worden samen afgerond, beiden tevreden.',
      },
      en: {
        title: 'Highly sensitive',
        text: "Notices even subtle signals, reads them from the baby's point of view and answers quickly and fittingly; exchanges are completed to both partners' satisfaction.",
      },
    },
    '7': {
      nl: {
        title: 'Sensitief',
        text: 'Leest de meeste signalen goed en reageert meestal op tijd en passend; mist soms een subtiel signaal, maar zonder het beeld van de baby te vertekenen.',
      },
      en: {
        title: 'Sensitive',
        text: 'Reads most signals correctly and usually answers in time and fittingly; misses some subtle cues, without distorting what the baby means.',
      },
    },
    '5': {
      nl: {
        title: 'Wisselend sensitief',
        text: 'Soms goed afgestemd, soms niet; oplettendheid voor signalen wisselt, of reacties zijn goed bedoeld maar komen te laat of passen maar half.',
      },
      en: {
        title: 'Inconsistently sensitive',
        text: 'Attuned at times, not at others; attention to signals fluctuates, or responses are well meant but late or only partly fitting.',
      },
    },
    '3': {
      nl: {
        title: 'Insensitief',
        text: 'Reageert vaak niet, te laat of niet passend op signalen; de eigen stemming, wensen of bezigheden van de ouder sturen de interactie meer dan de baby.',
      },
      en: {
        title: 'Insensitive',
        text: "Often fails to answer signals, or answers late or unfittingly; the caregiver's own mood, wishes or activities steer the interaction more than the baby does.",
      },
    },
    '1': {
      nl: {
        title: 'Zeer insensitief',
        text: 'Handelt vrijwel alleen vanuit eigen wensen en stemming; signalen van de baby worden genegeerd, verkeerd gelezen of pas beantwoord als ze niet meer te negeren zijn.',
      },
      en: {
        title: 'Highly insensitive',
        text: "Acts almost only from own wishes and mood; the baby's signals are ignored, misread, or answered only once they can no longer be ignored.",
      },
    },
  },
  cooperation: {
    '9': {
      nl: {
        title: 'Opvallend coöperatief',
        text: 'Ziet de baby als iemand met eigen wensen en bezigheden; onderbreekt zelden, en als sturen nodig is gebeurt dat zacht, op het goede moment, of door de omgeving aan te passen.',
      },
      en: {
        title: 'Conspicuously cooperative',
        text: 'Treats the baby as a person with own wishes and activities; rarely interrupts, and when steering is needed does it gently, at the right moment, or by arranging the surroundings.',
      },
    },
    '7': {
      nl: {
        title: 'Coöperatief',
        text: 'Vermijdt meestal onderbreken; stuurt soms zonder aanleiding van de baby, maar probeert dat mild en goed getimed te doen.',
      },
      en: {
        title: 'Cooperative',
        text: 'Mostly avoids interrupting; sometimes steers without a cue from the baby, but tries to do it mildly and well timed.',
      },
    },
    '5': {
      nl: {
        title: 'Wisselend',
        text: 'Coöperatie en interferentie wisselen elkaar af; ingrepen zijn soms slecht getimed of fysiek onderbrekend.',
      },
      en: {
        title: 'Mixed',
        text: 'Cooperation and interference alternate; interventions are sometimes badly timed or physically interrupting.',
      },
    },
    '3': {
      nl: {
        title: 'Interfererend',
        text: 'Onderbreekt vaak en zonder rekening te houden met wat de baby doet; fysiek ingrijpen komt regelmatig voor.',
      },
      en: {
        title: 'Interfering',
        text: 'Interrupts often, without regard for what the baby is doing; physical interference is common.',
      },
    },
    '1': {
      nl: {
        title: 'Sterk interfererend',
        text: 'Legt de eigen wil voortdurend op; geen poging om ingrepen af te stemmen op de bezigheid of stemming van de baby.',
      },
      en: {
        title: 'Highly interfering',
        text: "Constantly imposes own will; no attempt to fit interventions to the baby's activity or mood.",
      },
    },
  },
};
