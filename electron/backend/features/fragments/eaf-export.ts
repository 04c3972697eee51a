import { TAG_SEPARATOR } from '../../../../shared/domain/fragments';
import { EAF } from './eaf-conventions';
import type { ExportFragment, ExportModel } from './export-model';

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content; a carriage return is written as a reference because parsers normalise a raw one away. */
function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute value: line breaks and tabs as references, or attribute normalisation turns them into spaces. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function element(name: string, attributes: Record<string, string | number | undefined>, content?: string): string {
  const list = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${attr(String(value))}"`)
    .join('');
  return content === undefined ? `<${name}${list}/>` : `<${name}${list}>${content}</${name}>`;
}

/** Tier ids from initials; two raters with the same initials get "AB" and "AB 2". */
function raterTiers(fragments: readonly ExportFragment[]): { tierId: string; raterId: number; initials: string }[] {
  const raters = new Map<number, string>();
  for (const fragment of fragments) if (!raters.has(fragment.raterId)) raters.set(fragment.raterId, fragment.raterInitials);
  const ordered = [...raters].sort(([idA, a], [idB, b]) => a.localeCompare(b, 'nl') || idA - idB);
  const used = new Map<string, number>();
  return ordered.map(([raterId, initials]) => {
    const n = (used.get(initials) ?? 0) + 1;
    used.set(initials, n);
    return { tierId: n === 1 ? initials : `${initials} ${n}`, raterId, initials };
  });
}

const CONSTRAINTS = [
  ['Time_Subdivision', "Time subdivision of parent annotation's time interval, no time gaps allowed within this interval"],
  ['Symbolic_Subdivision', 'Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered'],
  ['Symbolic_Association', '1-1 association with a parent annotation'],
  ['Included_In', "Time alignable annotations within the parent annotation's time interval, gaps are allowed"],
] as const;

export interface EafExportOptions {
  /** ISO timestamp for the DATE attribute. */
  date: string;
}

/**
 * An EAF 3.0 document laid out the way ELAN writes one (see eaf-conventions.ts). Deterministic:
 * the same fragments give the same document apart from DATE, so an export can be compared with a
 * re-export after an import.
 */
export function fragmentsToEaf(model: ExportModel, options: EafExportOptions): string {
  const tiers = raterTiers(model.fragments);
  const tagIndex = new Map(model.tags.map((tag, index) => [tag.name, index + 1]));

  // Time slots: two per fragment, numbered in time order as ELAN does.
  const slots: { key: string; ms: number; order: number }[] = [];
  const fragmentsByTier = tiers.map((tier) => ({ ...tier, fragments: model.fragments.filter((f) => f.raterId === tier.raterId) }));
  for (const tier of fragmentsByTier) {
    for (const fragment of tier.fragments) {
      slots.push({ key: `${fragment.id}:start`, ms: fragment.startMs, order: slots.length });
      slots.push({ key: `${fragment.id}:end`, ms: fragment.endMs, order: slots.length });
    }
  }
  slots.sort((a, b) => a.ms - b.ms || a.order - b.order);
  const slotId = new Map(slots.map((slot, index) => [slot.key, `ts${index + 1}`]));

  let annotationCount = 0;
  const nextAnnotationId = () => `a${++annotationCount}`;
  const tierXml: string[] = [];
  for (const tier of fragmentsByTier) {
    const mainIds = new Map<number, string>();
    const annotations = tier.fragments.map((fragment) => {
      const annotationId = nextAnnotationId();
      mainIds.set(fragment.id, annotationId);
      const cve = fragment.tagNames.length === 1 ? tagIndex.get(fragment.tagNames[0]!) : undefined;
      return `            ${element(
        'ALIGNABLE_ANNOTATION',
        {
          ANNOTATION_ID: annotationId,
          CVE_REF: cve === undefined ? undefined : `cveid_label_${cve}`,
          TIME_SLOT_REF1: slotId.get(`${fragment.id}:start`),
          TIME_SLOT_REF2: slotId.get(`${fragment.id}:end`),
        },
        `\n                <ANNOTATION_VALUE>${text(fragment.tagNames.join(TAG_SEPARATOR))}</ANNOTATION_VALUE>\n            `,
      )}`;
    });
    tierXml.push(tierElement({ ANNOTATOR: tier.initials, LINGUISTIC_TYPE_REF: EAF.fragmentType, TIER_ID: tier.tierId }, annotations));

    const dependent = (suffix: string, valueOf: (fragment: ExportFragment) => string | null) => {
      const refs = tier.fragments.flatMap((fragment) => {
        const value = valueOf(fragment);
        if (value === null) return [];
        return [
          `            ${element(
            'REF_ANNOTATION',
            { ANNOTATION_ID: nextAnnotationId(), ANNOTATION_REF: mainIds.get(fragment.id) },
            `\n                <ANNOTATION_VALUE>${text(value)}</ANNOTATION_VALUE>\n            `,
          )}`,
        ];
      });
      tierXml.push(
        tierElement({ LINGUISTIC_TYPE_REF: EAF.detailType, PARENT_REF: tier.tierId, TIER_ID: `${tier.tierId} ${suffix}` }, refs),
      );
    };
    dependent(EAF.note, (f) => (f.note === '' ? null : f.note));
    dependent(EAF.caregiver, (f) => f.caregiverKey ?? EAF.noCaregiver);
    dependent(EAF.feedback, (f) => (f.forFeedback ? EAF.yes : null));
    for (const question of model.questions) {
      dependent(`${EAF.questionPrefix}${question.text}`, (f) => f.answers[question.id] ?? null);
    }
  }

  const media = `${model.recording.familyCode}_${model.recording.recordedOn}.${model.recording.mediaExtension}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ANNOTATION_DOCUMENT AUTHOR="Afstemming" DATE="${attr(options.date)}" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">`,
    `    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">`,
    // A neutral name instead of the original file name, which may contain a person's name; ELAN
    // asks to locate the video when it is not found.
    `        ${element('MEDIA_DESCRIPTOR', { MEDIA_URL: `file:///${media}`, MIME_TYPE: mimeType(model.recording.mediaExtension), RELATIVE_MEDIA_URL: `./${media}` })}`,
    `        ${element('PROPERTY', { NAME: 'lastUsedAnnotationId' }, String(annotationCount))}`,
    '    </HEADER>',
    slots.length ? '    <TIME_ORDER>' : '    <TIME_ORDER/>',
    ...slots.map((slot) => `        ${element('TIME_SLOT', { TIME_SLOT_ID: slotId.get(slot.key), TIME_VALUE: slot.ms })}`),
    ...(slots.length ? ['    </TIME_ORDER>'] : []),
    ...tierXml,
    `    ${element('LINGUISTIC_TYPE', { CONTROLLED_VOCABULARY_REF: EAF.vocabulary, GRAPHIC_REFERENCES: 'false', LINGUISTIC_TYPE_ID: EAF.fragmentType, TIME_ALIGNABLE: 'true' })}`,
    `    ${element('LINGUISTIC_TYPE', { CONSTRAINTS: 'Symbolic_Association', GRAPHIC_REFERENCES: 'false', LINGUISTIC_TYPE_ID: EAF.detailType, TIME_ALIGNABLE: 'false' })}`,
    `    ${element('LANGUAGE', { LANG_ID: EAF.language, LANG_LABEL: 'Dutch; Flemish (nld)' })}`,
    ...CONSTRAINTS.map(([stereotype, description]) => `    ${element('CONSTRAINT', { DESCRIPTION: description, STEREOTYPE: stereotype })}`),
    `    <CONTROLLED_VOCABULARY CV_ID="${EAF.vocabulary}">`,
    `        ${element('DESCRIPTION', { LANG_REF: EAF.language }, 'Labels van het team (Afstemming)')}`,
    ...model.tags.map(
      (tag, index) =>
        `        <CV_ENTRY_ML CVE_ID="cveid_label_${index + 1}">\n            ${element('CVE_VALUE', { DESCRIPTION: tag.description, LANG_REF: EAF.language }, text(tag.name))}\n        </CV_ENTRY_ML>`,
    ),
    '    </CONTROLLED_VOCABULARY>',
    '</ANNOTATION_DOCUMENT>',
  ];
  return `${lines.join('\n')}\n`;
}

function tierElement(attributes: Record<string, string | undefined>, annotations: string[]): string {
  if (!annotations.length) return `    ${element('TIER', attributes)}`;
  const open = element('TIER', attributes, '').replace(/<\/TIER>$/, '');
  const body = annotations.map((annotation) => `        <ANNOTATION>\n${annotation}\n        </ANNOTATION>`).join('\n');
  return `    ${open}\n${body}\n    </TIER>`;
}

function mimeType(extension: string): string {
  const known: Record<string, string> = { mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo', mpg: 'video/mpeg', mpeg: 'video/mpeg' };
  return known[extension] ?? 'video/*';
}
