import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError, msg, type Bilingual } from '../../../../shared/api/envelope';
import { EAF_MAX_BYTES, type EafTierReport } from '../../../../shared/domain/fragments';
import { EAF, splitTagNames } from './eaf-conventions';

// Reads ELAN (.eaf) files: first a strict, defensive parse into a small model of slots, tiers and
// annotations (`parseEaf`), then the fragment convention of eaf-conventions.ts on top of it
// (`readEafFragments`). Both throw AppError('invalid_input') with a Dutch message; nothing here
// touches the database, so the caller can check everything before it writes anything.

const DAY_MS = 24 * 3600 * 1000;
const MAX_ANNOTATIONS = 100_000;
const MAX_TIERS = 1000;
const MAX_PROBLEMS_SHOWN = 5;

export interface EafAnnotation {
  id: string;
  /** ALIGNABLE_ANNOTATION: two time slot ids; REF_ANNOTATION: the annotation it belongs to. */
  slots?: [string, string];
  ref?: string;
  value: string;
}

export interface EafTier {
  id: string;
  parent: string | null;
  linguisticType: string;
  annotations: EafAnnotation[];
}

export interface EafLinguisticType {
  id: string;
  timeAlignable: boolean;
  constraint: string | null;
  vocabulary: string | null;
}

export interface EafDocument {
  /** Slot id → time in ms, or null for an unaligned slot (ELAN allows those in some dependent tiers). */
  slots: Map<string, number | null>;
  tiers: EafTier[];
  types: Map<string, EafLinguisticType>;
}

function refuse(message: Bilingual): never {
  throw new AppError('invalid_input', message);
}

export function refuseAll(problems: readonly Bilingual[]): never {
  const shown = (language: keyof Bilingual) =>
    problems
      .slice(0, MAX_PROBLEMS_SHOWN)
      .map((problem) => problem[language])
      .join(' ');
  const hidden = problems.length - MAX_PROBLEMS_SHOWN;
  refuse(
    msg(
      `Het ELAN-bestand is niet ingelezen; er is niets gewijzigd. ${shown('nl')}${hidden > 0 ? ` En nog ${hidden} andere problemen.` : ''}`,
      `The ELAN file has not been read in; nothing has been changed. ${shown('en')}${hidden > 0 ? ` And ${hidden} other problems.` : ''}`,
    ),
  );
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * XML's own five entities and character references, nothing else: a document without a DOCTYPE
 * cannot define more, and we never read one. (The parser's default decoder leaves character
 * references such as &#10; undecoded, which would change notes.)
 */
const xmlEntityDecoder = {
  setExternalEntities: () => undefined,
  addInputEntities: () => {
    throw new Error('entity declarations are not accepted');
  },
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text: string) =>
    text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (_match, ref: string) => {
      if (ref[0] !== '#') return PREDEFINED[ref]!;
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(code)) throw new Error(`invalid character reference &${ref};`);
      return String.fromCodePoint(code);
    }),
};

const ARRAY_TAGS = new Set([
  'TIME_SLOT',
  'TIER',
  'ANNOTATION',
  'LINGUISTIC_TYPE',
  'CONSTRAINT',
  'CONTROLLED_VOCABULARY',
  'CV_ENTRY_ML',
  'CVE_VALUE',
  'CV_ENTRY',
  'DESCRIPTION',
  'PROPERTY',
  'MEDIA_DESCRIPTOR',
  'LINKED_FILE_DESCRIPTOR',
  'LANGUAGE',
  'LOCALE',
  'LEXICON_REF',
  'EXTERNAL_REF',
  'REF_LINK_SET',
  'HEADER',
  'TIME_ORDER',
  'ANNOTATION_DOCUMENT',
]);

type XmlNode = { '@'?: Record<string, string>; '#text'?: string } & Record<string, unknown>;

const attrOf = (node: XmlNode, name: string): string | undefined => {
  const attributes = node['@'];
  return attributes && Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : undefined;
};
const childrenOf = (node: XmlNode, name: string): XmlNode[] => {
  const value = Object.prototype.hasOwnProperty.call(node, name) ? node[name] : undefined;
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((child) => (typeof child === 'object' && child !== null ? (child as XmlNode) : { '#text': String(child) }));
};
const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && '#text' in value) return String((value as XmlNode)['#text'] ?? '');
  return '';
};

/**
 * Checks and parses an .eaf document. Refused before parsing: anything over 20 MB, and any DOCTYPE
 * or entity declaration (external entities and "billion laughs" expansions need one; ELAN never
 * writes one). Then: well-formed XML, an ANNOTATION_DOCUMENT, times in milliseconds, unique ids,
 * and every reference (time slot, parent tier, linguistic type, annotation) pointing somewhere.
 */
export function parseEaf(content: string): EafDocument {
  if (content.length > EAF_MAX_BYTES || Buffer.byteLength(content, 'utf8') > EAF_MAX_BYTES) {
    refuse(msg('Het ELAN-bestand is te groot (maximaal 20 MB). Er is niets ingelezen.', 'The ELAN file is too large (at most 20 MB). Nothing has been read in.'));
  }
  // XML end-of-line handling comes before parsing (character references like &#13; survive it).
  const xml = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    refuse(msg(
      'Dit bestand bevat een DOCTYPE of entiteit-definities. ELAN maakt die niet; om veiligheidsredenen lezen we het niet in.',
      'This file contains a DOCTYPE or entity definitions. ELAN does not make those; for safety reasons we do not read it in.',
    ));
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    refuse(msg(
      `Dit ELAN-bestand is geen geldige XML (regel ${validation.err.line}): het is beschadigd of onvolledig.`,
      `This ELAN file is not valid XML (line ${validation.err.line}): it is damaged or incomplete.`,
    ));
  }
  // A named reference other than XML's five can only come from a DOCTYPE, which we refused.
  const unknownEntity = /&(?!(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);)[^;\s<]{0,20};?/.exec(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''));
  if (unknownEntity) refuse(msg(
    `Dit ELAN-bestand bevat een onbekende entiteit (${unknownEntity[0].slice(0, 24)}).`,
    `This ELAN file contains an unknown entity (${unknownEntity[0].slice(0, 24)}).`,
  ));

  let root: XmlNode;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      attributesGroupName: '@',
      parseTagValue: false,
      parseAttributeValue: false,
      // Notes keep their spaces and line breaks exactly.
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      isArray: (name) => ARRAY_TAGS.has(name),
      entityDecoder: xmlEntityDecoder,
      maxNestedTags: 20,
    });
    const parsed = parser.parse(xml) as Record<string, unknown>;
    const documents = childrenOf(parsed as XmlNode, 'ANNOTATION_DOCUMENT');
    const others = Object.keys(parsed).filter((key) => key !== 'ANNOTATION_DOCUMENT' && key !== '#text');
    if (documents.length !== 1 || others.length) refuse(msg(
      'Dit is geen ELAN-bestand: er hoort precies één ANNOTATION_DOCUMENT in te staan.',
      'This is not an ELAN file: it should contain exactly one ANNOTATION_DOCUMENT.',
    ));
    root = documents[0]!;
  } catch (error) {
    if (error instanceof AppError) throw error;
    refuse(msg('Dit ELAN-bestand is geen geldige XML: het is beschadigd of onvolledig.', 'This ELAN file is not valid XML: it is damaged or incomplete.'));
  }
  return readDocument(root);
}

function readDocument(root: XmlNode): EafDocument {
  const problems: Bilingual[] = [];
  const header = childrenOf(root, 'HEADER')[0];
  const units = header ? attrOf(header, 'TIME_UNITS') : undefined;
  if (units !== undefined && units !== 'milliseconds') {
    refuse(msg(
      `Dit ELAN-bestand gebruikt tijden in "${units}"; alleen milliseconden worden ondersteund.`,
      `This ELAN file uses times in "${units}"; only milliseconds are supported.`,
    ));
  }

  const slots = new Map<string, number | null>();
  for (const slot of childrenOf(childrenOf(root, 'TIME_ORDER')[0] ?? {}, 'TIME_SLOT')) {
    const id = attrOf(slot, 'TIME_SLOT_ID');
    const value = attrOf(slot, 'TIME_VALUE');
    if (!id) {
      problems.push(msg('Een tijdvak (TIME_SLOT) heeft geen id.', 'A time slot (TIME_SLOT) has no id.'));
      continue;
    }
    if (slots.has(id)) problems.push(msg(`Tijdvak ${id} staat er twee keer in.`, `Time slot ${id} appears twice.`));
    if (value === undefined) slots.set(id, null);
    else if (!/^\d{1,9}$/.test(value.trim()) || Number(value) > DAY_MS) {
      problems.push(msg(`Tijdvak ${id} heeft geen geldige tijd ("${value.slice(0, 20)}").`, `Time slot ${id} has no valid time ("${value.slice(0, 20)}").`));
    } else slots.set(id, Number(value));
  }

  const types = new Map<string, EafLinguisticType>();
  for (const type of childrenOf(root, 'LINGUISTIC_TYPE')) {
    const id = attrOf(type, 'LINGUISTIC_TYPE_ID');
    if (!id) {
      problems.push(msg('Een LINGUISTIC_TYPE heeft geen id.', 'A LINGUISTIC_TYPE has no id.'));
      continue;
    }
    types.set(id, {
      id,
      timeAlignable: attrOf(type, 'TIME_ALIGNABLE') !== 'false',
      constraint: attrOf(type, 'CONSTRAINTS') ?? null,
      vocabulary: attrOf(type, 'CONTROLLED_VOCABULARY_REF') ?? null,
    });
  }

  const tierNodes = childrenOf(root, 'TIER');
  if (tierNodes.length > MAX_TIERS) refuse(msg(`Dit ELAN-bestand heeft meer dan ${MAX_TIERS} lagen.`, `This ELAN file has more than ${MAX_TIERS} tiers.`));
  const tiers: EafTier[] = [];
  const tierIds = new Set<string>();
  const annotationIds = new Set<string>();
  let annotationCount = 0;
  for (const node of tierNodes) {
    const id = attrOf(node, 'TIER_ID');
    if (!id) {
      problems.push(msg('Een laag (TIER) heeft geen naam.', 'A tier (TIER) has no name.'));
      continue;
    }
    if (tierIds.has(id)) problems.push(msg(`Laag "${id}" staat er twee keer in.`, `Tier "${id}" appears twice.`));
    tierIds.add(id);
    const linguisticType = attrOf(node, 'LINGUISTIC_TYPE_REF') ?? '';
    if (!types.has(linguisticType)) problems.push(msg(
      `Laag "${id}" verwijst naar een onbekend type ("${linguisticType}").`,
      `Tier "${id}" refers to an unknown type ("${linguisticType}").`,
    ));
    const annotations: EafAnnotation[] = [];
    for (const wrapper of childrenOf(node, 'ANNOTATION')) {
      annotationCount += 1;
      if (annotationCount > MAX_ANNOTATIONS) refuse(msg(
        `Dit ELAN-bestand heeft meer dan ${MAX_ANNOTATIONS} annotaties.`,
        `This ELAN file has more than ${MAX_ANNOTATIONS} annotations.`,
      ));
      const alignable = childrenOf(wrapper, 'ALIGNABLE_ANNOTATION')[0];
      const reference = childrenOf(wrapper, 'REF_ANNOTATION')[0];
      const annotation = alignable ?? reference;
      const annotationId = annotation ? attrOf(annotation, 'ANNOTATION_ID') : undefined;
      if (!annotation || !annotationId) {
        problems.push(msg(`Laag "${id}" bevat een annotatie zonder id of inhoud.`, `Tier "${id}" contains an annotation without an id or content.`));
        continue;
      }
      if (annotationIds.has(annotationId)) problems.push(msg(`Annotatie ${annotationId} staat er twee keer in.`, `Annotation ${annotationId} appears twice.`));
      annotationIds.add(annotationId);
      const value = textOf(annotation.ANNOTATION_VALUE);
      if (alignable) {
        const first = attrOf(alignable, 'TIME_SLOT_REF1');
        const second = attrOf(alignable, 'TIME_SLOT_REF2');
        for (const ref of [first, second]) {
          if (ref === undefined || !slots.has(ref)) problems.push(msg(
            `Annotatie ${annotationId} in laag "${id}" verwijst naar een onbekend tijdvak (${ref ?? 'geen'}).`,
            `Annotation ${annotationId} in tier "${id}" refers to an unknown time slot (${ref ?? 'none'}).`,
          ));
        }
        annotations.push({ id: annotationId, slots: [first ?? '', second ?? ''], value });
      } else {
        annotations.push({ id: annotationId, ref: attrOf(reference!, 'ANNOTATION_REF') ?? '', value });
      }
    }
    tiers.push({ id, parent: attrOf(node, 'PARENT_REF') ?? null, linguisticType, annotations });
  }
  for (const tier of tiers) {
    if (tier.parent !== null && !tierIds.has(tier.parent)) problems.push(msg(
      `Laag "${tier.id}" hoort bij een laag die er niet is ("${tier.parent}").`,
      `Tier "${tier.id}" belongs to a tier that is not there ("${tier.parent}").`,
    ));
    for (const annotation of tier.annotations) {
      if (annotation.ref !== undefined && !annotationIds.has(annotation.ref)) {
        problems.push(msg(
          `Annotatie ${annotation.id} in laag "${tier.id}" verwijst naar een onbekende annotatie (${annotation.ref || 'geen'}).`,
          `Annotation ${annotation.id} in tier "${tier.id}" refers to an unknown annotation (${annotation.ref || 'none'}).`,
        ));
      }
    }
  }
  if (problems.length) refuseAll(problems);
  return { slots, tiers, types };
}

/** A fragment as the file describes it, before tags, caregivers and questions are looked up. */
export interface EafFragmentDraft {
  tierId: string;
  annotationId: string;
  startMs: number;
  endMs: number;
  tagNames: string[];
  note: string;
  /** Caregiver key ("moeder", "vader 2"), "geen" read as null; undefined when the file says nothing. */
  caregiverKey: string | null | undefined;
  forFeedback: boolean;
  answers: { question: string; answer: string }[];
}

export interface EafReadOptions {
  /** The top-level tiers to read; by default every one whose type has a controlled vocabulary. */
  tierIds?: readonly string[];
}

type DetailKind = { kind: 'note' } | { kind: 'caregiver' } | { kind: 'feedback' } | { kind: 'question'; question: string };

function detailKind(tier: EafTier): DetailKind | null {
  if (tier.parent === null || !tier.id.startsWith(`${tier.parent} `)) return null;
  const suffix = tier.id.slice(tier.parent.length + 1).trim();
  if (suffix === EAF.note) return { kind: 'note' };
  if (suffix === EAF.caregiver) return { kind: 'caregiver' };
  if (suffix === EAF.feedback) return { kind: 'feedback' };
  if (suffix.startsWith(EAF.questionPrefix.trim()) && suffix.length > EAF.questionPrefix.length) {
    return { kind: 'question', question: suffix.slice(EAF.questionPrefix.length).trim() };
  }
  return null;
}

/** Applies the fragment convention; every problem in the chosen tiers is reported at once. */
export function readEafFragments(document: EafDocument, options: EafReadOptions = {}): { drafts: EafFragmentDraft[]; tiers: EafTierReport[] } {
  const problems: Bilingual[] = [];
  const isCandidate = (tier: EafTier) => tier.parent === null && document.types.get(tier.linguisticType)?.timeAlignable === true;
  const hasVocabulary = (tier: EafTier) => (document.types.get(tier.linguisticType)?.vocabulary ?? null) !== null;
  let chosen: Set<string>;
  if (options.tierIds) {
    chosen = new Set(options.tierIds);
    for (const tierId of chosen) {
      const tier = document.tiers.find((t) => t.id === tierId);
      if (!tier) problems.push(msg(`Laag "${tierId}" staat niet in dit bestand.`, `Tier "${tierId}" is not in this file.`));
      else if (!isCandidate(tier)) problems.push(msg(
        `Laag "${tierId}" is geen hoofdlaag met tijden en kan geen fragmenten bevatten.`,
        `Tier "${tierId}" is not a main tier with times and cannot hold fragments.`,
      ));
    }
  } else {
    chosen = new Set(document.tiers.filter((tier) => isCandidate(tier) && hasVocabulary(tier)).map((tier) => tier.id));
    if (!chosen.size) {
      refuse(msg(
        'In dit ELAN-bestand staat geen laag met labels (een hoofdlaag met een gecontroleerde woordenlijst). Kies zelf de lagen die u wilt inlezen.',
        'This ELAN file has no tier with labels (a main tier with a controlled vocabulary). Choose the tiers you want to read in yourself.',
      ));
    }
  }

  const drafts = new Map<string, EafFragmentDraft>();
  const reports: EafTierReport[] = [];
  for (const tier of document.tiers) {
    if (tier.parent !== null) continue;
    if (!chosen.has(tier.id)) {
      reports.push({
        tierId: tier.id,
        annotations: tier.annotations.length,
        imported: false,
        reason: isCandidate(tier) ? 'Geen laag met labels; kies haar om toch in te lezen.' : 'Geen laag met tijden.',
      });
      continue;
    }
    reports.push({ tierId: tier.id, annotations: tier.annotations.length, imported: true });
    for (const annotation of tier.annotations) {
      const where = `Annotatie ${annotation.id} in laag "${tier.id}"`;
      const whereEn = `Annotation ${annotation.id} in tier "${tier.id}"`;
      if (!annotation.slots) {
        problems.push(msg(`${where} heeft geen tijden.`, `${whereEn} has no times.`));
        continue;
      }
      const start = document.slots.get(annotation.slots[0]);
      const end = document.slots.get(annotation.slots[1]);
      if (start === null || end === null || start === undefined || end === undefined) {
        problems.push(msg(`${where} heeft een tijdvak zonder tijd.`, `${whereEn} has a time slot without a time.`));
        continue;
      }
      if (end < start) problems.push(msg(`${where}: het einde ligt vóór het begin.`, `${whereEn}: the end is before the start.`));
      const tagNames = splitTagNames(annotation.value);
      if (!tagNames.length) problems.push(msg(`${where} heeft geen label.`, `${whereEn} has no label.`));
      drafts.set(annotation.id, {
        tierId: tier.id,
        annotationId: annotation.id,
        startMs: start,
        endMs: end,
        tagNames,
        note: '',
        caregiverKey: undefined,
        forFeedback: false,
        answers: [],
      });
    }
  }

  for (const tier of document.tiers) {
    if (tier.parent === null) continue;
    if (!chosen.has(tier.parent)) {
      reports.push({ tierId: tier.id, annotations: tier.annotations.length, imported: false, reason: 'Hoort bij een laag die niet wordt ingelezen.' });
      continue;
    }
    const kind = detailKind(tier);
    if (!kind) {
      reports.push({ tierId: tier.id, annotations: tier.annotations.length, imported: false, reason: 'Onbekende toelichtingslaag; overgeslagen.' });
      continue;
    }
    reports.push({ tierId: tier.id, annotations: tier.annotations.length, imported: true });
    const seen = new Set<string>();
    for (const annotation of tier.annotations) {
      const draft = annotation.ref === undefined ? undefined : drafts.get(annotation.ref);
      if (!draft || draft.tierId !== tier.parent) {
        problems.push(msg(
          `Annotatie ${annotation.id} in laag "${tier.id}" hoort niet bij een annotatie van laag "${tier.parent}".`,
          `Annotation ${annotation.id} in tier "${tier.id}" does not belong to an annotation of tier "${tier.parent}".`,
        ));
        continue;
      }
      if (seen.has(draft.annotationId)) problems.push(msg(
        `Laag "${tier.id}" heeft twee waarden bij annotatie ${draft.annotationId}.`,
        `Tier "${tier.id}" has two values for annotation ${draft.annotationId}.`,
      ));
      seen.add(draft.annotationId);
      const value = annotation.value;
      switch (kind.kind) {
        case 'note':
          draft.note = value;
          break;
        case 'caregiver': {
          const key = value.trim();
          draft.caregiverKey = key === '' || key.toLowerCase() === EAF.noCaregiver ? null : key;
          break;
        }
        case 'feedback': {
          const flag = value.trim().toLowerCase();
          if (flag !== EAF.yes && flag !== EAF.no && flag !== '') problems.push(msg(
            `Annotatie ${annotation.id} in laag "${tier.id}": gebruik "ja" of "nee".`,
            `Annotation ${annotation.id} in tier "${tier.id}": use "ja" or "nee".`,
          ));
          draft.forFeedback = flag === EAF.yes;
          break;
        }
        case 'question':
          if (value.trim() !== '') draft.answers.push({ question: kind.question, answer: value });
          break;
      }
    }
  }
  if (problems.length) refuseAll(problems);
  const order = new Map(document.tiers.map((tier, index) => [tier.id, index]));
  reports.sort((a, b) => (order.get(a.tierId) ?? 0) - (order.get(b.tierId) ?? 0));
  return { drafts: [...drafts.values()], tiers: reports };
}
