import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/api/envelope';
import { EAF_MAX_BYTES } from '../../../../shared/domain/fragments';
import { fragmentsToEaf } from './eaf-export';
import { parseEaf, readEafFragments } from './eaf-import';
import { sampleModel } from './sample-export-model';

const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/eaf');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

const minimal = (body: string, slots = '<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/>') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0"><HEADER TIME_UNITS="milliseconds"/><TIME_ORDER>${slots}</TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="lt" TIER_ID="AB">${body}</TIER>
<LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF="labels" LINGUISTIC_TYPE_ID="lt" TIME_ALIGNABLE="true"/></ANNOTATION_DOCUMENT>`;
const annotation = (id: string, from: string, to: string, value: string) =>
  `<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="${id}" TIME_SLOT_REF1="${from}" TIME_SLOT_REF2="${to}"><ANNOTATION_VALUE>${value}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>`;

describe('ELAN export', () => {
  it('writes an EAF 3.0 document in the order of the schema, one tier per rater, tags as a vocabulary', () => {
    const xml = fragmentsToEaf(sampleModel(), { date: '2026-03-02T10:00:00.000Z' });
    const positions = ['<HEADER', '<TIME_ORDER', '<TIER', '<LINGUISTIC_TYPE', '<LANGUAGE', '<CONSTRAINT', '<CONTROLLED_VOCABULARY'].map((tag) => xml.indexOf(tag));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(xml).toContain('FORMAT="3.0"');
    expect(xml).toContain('TIME_UNITS="milliseconds"');
    expect(xml).toContain('<TIER ANNOTATOR="AB" LINGUISTIC_TYPE_REF="fragment" TIER_ID="AB">');
    expect(xml).toContain('<TIER ANNOTATOR="CD" LINGUISTIC_TYPE_REF="fragment" TIER_ID="CD">');
    expect(xml).toContain('<LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF="labels"');
    expect(xml).toContain('<CVE_VALUE DESCRIPTION="Regel 1&#10;Regel 2 &quot;citaat&quot; &amp; &lt;x&gt;" LANG_REF="nld">coöperatie</CVE_VALUE>');
    // No file name of the original video (it may hold a name): family code and date only.
    expect(xml).toContain('MEDIA_URL="file:///OB-26-001_2026-03-01.mp4"');
  });

  it('reads its own export back to the same fragments, exactly', () => {
    const model = sampleModel();
    const { drafts } = readEafFragments(parseEaf(fragmentsToEaf(model, { date: 'x' })));
    const questionText = new Map(model.questions.map((q) => [q.id, q.text]));
    const expected = model.fragments.map((f) => ({
      tierId: f.raterInitials,
      startMs: f.startMs,
      endMs: f.endMs,
      tagNames: f.tagNames,
      note: f.note,
      caregiverKey: f.caregiverKey,
      forFeedback: f.forFeedback,
      answers: Object.entries(f.answers).map(([id, answer]) => ({ question: questionText.get(Number(id)), answer })),
    }));
    const actual = drafts.map(({ annotationId: _a, ...rest }) => rest);
    expect(actual).toEqual(expected);
  });

  it('keeps two raters with the same initials apart', () => {
    const model = sampleModel();
    model.fragments[2]!.raterInitials = 'AB';
    const xml = fragmentsToEaf(model, { date: 'x' });
    expect(xml).toContain('TIER_ID="AB 2"');
    expect(xml).toContain('TIER_ID="AB 2 notitie"');
    const { drafts } = readEafFragments(parseEaf(xml));
    expect(drafts.map((d) => d.tierId)).toEqual(['AB', 'AB', 'AB 2']);
    expect(drafts[2]!.note).toBe('  spaties blijven  ');
  });
});

describe('ELAN import', () => {
  it('reads a file made by ELAN: the labels tier with its notes and caregiver, other tiers reported', () => {
    const { drafts, tiers } = readEafFragments(parseEaf(fixture('elan-made.eaf')));
    expect(drafts).toEqual([
      { tierId: 'AB', annotationId: 'a1', startMs: 1520, endMs: 3880, tagNames: ['oogcontact'], note: '', caregiverKey: undefined, forFeedback: false, answers: [] },
      {
        tierId: 'AB',
        annotationId: 'a2',
        startMs: 6310,
        endMs: 12455,
        tagNames: ['Sensitieve reactie'],
        note: 'Moeder pakt de baby op zodra hij begint te huilen & praat zacht.',
        caregiverKey: 'moeder',
        forFeedback: false,
        answers: [],
      },
      { tierId: 'AB', annotationId: 'a3', startMs: 14000, endMs: 19870, tagNames: ['gemist signaal'], note: '', caregiverKey: undefined, forFeedback: false, answers: [] },
    ]);
    expect(tiers).toEqual([
      { tierId: 'AB', annotations: 3, imported: true },
      { tierId: 'AB notitie', annotations: 1, imported: true },
      { tierId: 'AB ouder', annotations: 1, imported: true },
      { tierId: 'AB twijfel', annotations: 1, imported: false, reason: 'Onbekende toelichtingslaag; overgeslagen.' },
      { tierId: 'transcriptie', annotations: 1, imported: false, reason: 'Geen laag met labels; kies haar om toch in te lezen.' },
      { tierId: 'woorden', annotations: 2, imported: false, reason: 'Hoort bij een laag die niet wordt ingelezen.' },
    ]);
  });

  it('reads a chosen tier without a vocabulary, and refuses a tier that is not a top-level time tier', () => {
    const { drafts } = readEafFragments(parseEaf(fixture('elan-made.eaf')), { tierIds: ['transcriptie'] });
    expect(drafts.map((d) => d.tagNames)).toEqual([['Ja, kijk eens wie daar is!']]);
    expect(refusal(() => readEafFragments(parseEaf(fixture('elan-made.eaf')), { tierIds: ['woorden'] }))).toContain('geen hoofdlaag');
    expect(refusal(() => readEafFragments(parseEaf(fixture('elan-made.eaf')), { tierIds: ['XY'] }))).toContain('"XY" staat niet in dit bestand');
  });

  it('refuses a DOCTYPE with external entities and a billion-laughs file before parsing', () => {
    expect(refusal(() => parseEaf(fixture('doctype-xxe.eaf')))).toContain('DOCTYPE');
    expect(refusal(() => parseEaf(fixture('billion-laughs.eaf')))).toContain('DOCTYPE');
    // Hidden a little: lower case, after a comment.
    expect(refusal(() => parseEaf(`<?xml version="1.0"?><!-- x --><!doctype a [<!ENTITY b "c">]><ANNOTATION_DOCUMENT/>`))).toContain('DOCTYPE');
  });

  it('refuses a file over 20 MB without reading it', () => {
    const huge = minimal(annotation('a1', 'ts1', 'ts2', 'oogcontact')).replace('</ANNOTATION_DOCUMENT>', `<!--${'x'.repeat(EAF_MAX_BYTES)}--></ANNOTATION_DOCUMENT>`);
    const started = performance.now();
    expect(refusal(() => parseEaf(huge))).toContain('te groot');
    expect(performance.now() - started).toBeLessThan(500);
    // Multi-byte characters count as bytes, not characters.
    expect(refusal(() => parseEaf(`<ANNOTATION_DOCUMENT>${'ö'.repeat(EAF_MAX_BYTES / 2 + 1)}</ANNOTATION_DOCUMENT>`))).toContain('te groot');
  });

  it('refuses broken XML, other XML, unknown entities and times in other units', () => {
    expect(refusal(() => parseEaf(minimal(annotation('a1', 'ts1', 'ts2', 'oogcontact')).replace('</TIER>', '')))).toContain('geen geldige XML');
    expect(refusal(() => parseEaf('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toContain('geen ELAN-bestand');
    expect(refusal(() => parseEaf('niet eens xml'))).toMatch(/geen geldige XML|geen ELAN-bestand/);
    expect(refusal(() => parseEaf(minimal(annotation('a1', 'ts1', 'ts2', '&nbsp;oogcontact'))))).toContain('onbekende entiteit');
    expect(refusal(() => parseEaf(minimal(annotation('a1', 'ts1', 'ts2', '&#0;'))))).toMatch(/geldige XML|entiteit/);
    expect(refusal(() => parseEaf(minimal('').replace('TIME_UNITS="milliseconds"', 'TIME_UNITS="NTSC-frames"')))).toContain('milliseconden');
  });

  it('refuses unknown, duplicate and malformed time slots and annotation references, listing every problem', () => {
    const message = refusal(() => parseEaf(fixture('unknown-slot.eaf')));
    expect(message).toContain('Annotatie a2 in laag "AB" verwijst naar een onbekend tijdvak (ts9).');
    expect(message).toContain('er is niets gewijzigd');
    expect(refusal(() => parseEaf(minimal(annotation('a1', 'ts1', 'ts2', 'x'), '<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="-5"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1.5"/>')))).toMatch(
      /Tijdvak ts1 heeft geen geldige tijd.*Tijdvak ts2 heeft geen geldige tijd/,
    );
    expect(refusal(() => parseEaf(minimal(annotation('a1', 'ts1', 'ts2', 'x') + annotation('a1', 'ts1', 'ts2', 'y'))))).toContain('a1 staat er twee keer in');
    const danglingRef = minimal(annotation('a1', 'ts1', 'ts2', 'x')).replace(
      '</TIER>',
      '</TIER><TIER LINGUISTIC_TYPE_REF="lt" PARENT_REF="AB" TIER_ID="AB notitie"><ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a77"><ANNOTATION_VALUE>n</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION></TIER>',
    );
    expect(refusal(() => parseEaf(danglingRef))).toContain('onbekende annotatie (a77)');
  });

  it('refuses annotations without times, ending before they start, or without a label', () => {
    const unaligned = minimal(annotation('a1', 'ts1', 'ts2', 'x'), '<TIME_SLOT TIME_SLOT_ID="ts1"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/>');
    expect(refusal(() => readEafFragments(parseEaf(unaligned)))).toContain('tijdvak zonder tijd');
    const backwards = minimal(annotation('a1', 'ts2', 'ts1', 'x'));
    expect(refusal(() => readEafFragments(parseEaf(backwards)))).toContain('het einde ligt vóór het begin');
    const empty = minimal(annotation('a1', 'ts1', 'ts2', ' | '));
    expect(refusal(() => readEafFragments(parseEaf(empty)))).toContain('heeft geen label');
    const noLabelsTier = minimal(annotation('a1', 'ts1', 'ts2', 'x')).replace('CONTROLLED_VOCABULARY_REF="labels" ', '');
    expect(refusal(() => readEafFragments(parseEaf(noLabelsTier)))).toContain('geen laag met labels');
  });

  it('decodes character references and keeps CDATA as written', () => {
    const { drafts } = readEafFragments(parseEaf(minimal(annotation('a1', 'ts1', 'ts2', 'a &amp; b&#10;&#x1F476; <![CDATA[&lt;c>]]>'))));
    expect(drafts[0]!.tagNames).toEqual(['a & b\n👶 &lt;c>']);
  });
});
