import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { Family, Rater } from '../../shared/domain/entities';
import { readExportParams } from '../../electron/backend/features/video-exports/video-export-repository';
import { exportPieces, TITLE_CARD_MS } from '../../electron/backend/features/video-exports/export-plan';
import { probeMedia } from '../../electron/backend/media/probe';
import { makeClip } from '../fixtures/clips';
import { refused } from './support/fragment-world';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

const FPS = 25;
let clip: string;
let t: TestBackend;
let coordinator: Rater;
let rater: Rater;
let family: Family;
let other: Family;
let recordingId: number;
let otherRecordingId: number;
let visitId: number;

beforeAll(async () => {
  clip = await makeClip({ durationS: 6, width: 160, height: 120, fps: FPS, keyframeEvery: 12 });
}, 60_000);

async function importInto(f: Family): Promise<number> {
  const upload = await t.backend.media.receiveUpload(createReadStream(clip), encodeURIComponent('moeder en baby.mp4'), t.caller);
  if (!upload.ok) throw new ApiError(upload.error);
  const recording = await t.api.call('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: f.id,
    visitId: f.visits[0]!.id,
    caregiverIds: [f.caregivers[0]!.id],
    activity: 'spelen',
    moment: 'voormeting',
    recordedOn: '2026-03-01',
  });
  return recording.id;
}

async function seed(code: string): Promise<Family> {
  const f = await t.api.call('families.create', { code, babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [{ role: 'moeder', label: 'moeder' }] });
  await t.api.call('visits.add', { familyId: f.id, date: '2026-03-01', phase: 'introductie' });
  await t.api.call('visits.add', { familyId: f.id, date: '2026-03-15', phase: 'begeleiding' });
  return t.api.call('families.get', { id: f.id });
}

beforeEach(async () => {
  t = startTestBackend();
  coordinator = await withCoordinator(t.api, 'Anna Bakker');
  rater = await createRater(t.api, { name: 'Chris de Vries', initials: 'CV', role: 'rater' });
  family = await seed('OB-26-501');
  other = await seed('OB-26-502');
  recordingId = await importInto(family);
  otherRecordingId = await importInto(other);
  // The second visit (begeleiding) is where the recording of the first one is watched back.
  visitId = family.visits.find((v) => v.date === '2026-03-15')!.id;
  await t.backend.services.jobs.whenIdle();
}, 60_000);
afterEach(() => t.close());

const tagId = 2; // "sensitieve reactie"
const mark = (startMs: number, endMs: number, forFeedback = false, onRecording = recordingId) =>
  t.api.call('fragments.create', { recordingId: onRecording, startMs, endMs, tagIds: [tagId], forFeedback });

/** The session's tables, to show that a refusal changed nothing. */
const snapshot = () =>
  JSON.stringify({
    items: t.backend.db.prepare('SELECT * FROM feedback_items ORDER BY id').all(),
    words: t.backend.db.prepare('SELECT * FROM feedback_words ORDER BY item_id, question_id').all(),
  });

describe('choosing the fragments of a visit', () => {
  it('offers the family’s fragments with those for feedback first, keeps the chosen order and captions', async () => {
    const plain = await mark(500, 1500);
    const flagged = await mark(3000, 4000, true);
    await mark(1000, 2000, true, otherRecordingId);

    const candidates = await t.api.call('feedbackSessions.candidates', { visitId });
    expect(candidates.map((c) => [c.fragmentId, c.forFeedback, c.chosen])).toEqual([
      [flagged.id, true, false],
      [plain.id, false, false],
    ]);
    expect(candidates[0]).toMatchObject({ recordedOn: '2026-03-01', tagNames: ['sensitieve reactie'], raterInitials: coordinator.initials });

    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: flagged.id, caption: 'Kijk hoe je zoon naar je lacht.' });
    let session = await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: plain.id, caption: '  Jij pakt hem op als hij huilt.  ' });
    expect(session.items.map((i) => [i.fragmentId, i.caption, i.startMs, i.endMs])).toEqual([
      [flagged.id, 'Kijk hoe je zoon naar je lacht.', 3000, 4000],
      [plain.id, 'Jij pakt hem op als hij huilt.', 500, 1500],
    ]);
    expect(session.questions.map((q) => q.text)).toEqual(['Wat zie je?', 'Hoe is dit voor jou als ouder?', 'Wat denk je dat je baby voelt?']);
    // Nothing a parent must not see: no tags, rater, family code or file name in what session mode gets.
    const shown = JSON.stringify(session);
    for (const hidden of ['sensitieve reactie', coordinator.name, 'OB-26-501', 'moeder en baby']) expect(shown).not.toContain(hidden);

    session = await t.api.call('feedbackSessions.moveItem', { itemId: session.items[1]!.id, direction: 'up' });
    expect(session.items.map((i) => i.fragmentId)).toEqual([plain.id, flagged.id]);
    session = await t.api.call('feedbackSessions.updateCaption', { itemId: session.items[0]!.id, caption: 'Je troost hem.' });
    expect(session.items[0]!.caption).toBe('Je troost hem.');
    expect((await t.api.call('feedbackSessions.candidates', { visitId })).every((c) => c.chosen)).toBe(true);
    // Another visit of the family has a session of its own.
    expect((await t.api.call('feedbackSessions.get', { visitId: family.visits[0]!.id })).items).toEqual([]);

    session = await t.api.call('feedbackSessions.removeItem', { itemId: session.items[0]!.id });
    expect(session.items.map((i) => i.fragmentId)).toEqual([flagged.id]);
  });

  it('refuses a fragment of another family, a deleted one, an unknown visit, a duplicate and a bad caption, and changes nothing', async () => {
    const own = await mark(500, 1500);
    const foreign = await mark(500, 1500, true, otherRecordingId);
    const gone = await mark(2000, 2500);
    await t.api.call('fragments.remove', { ids: [gone.id] });
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: own.id, caption: 'Samen spelen.' });
    const before = snapshot();

    const cases: [Promise<unknown>, string, RegExp][] = [
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: foreign.id, caption: 'Mooi.' }), 'invalid_input', /^Dit fragment hoort bij een opname van een ander gezin.*Er is niets gewijzigd\.$/],
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: gone.id, caption: 'Mooi.' }), 'not_found', /^Dit fragment is verwijderd\./],
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: 999_999, caption: 'Mooi.' }), 'not_found', /^Dit fragment bestaat niet \(meer\)\./],
      [t.api.call('feedbackSessions.addItem', { visitId: 999_999, fragmentId: own.id, caption: 'Mooi.' }), 'not_found', /^Dit huisbezoek bestaat niet \(meer\)\./],
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: own.id, caption: 'Nog eens.' }), 'conflict', /staat al in de videofeedback/],
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: gone.id, caption: '   ' }), 'invalid_input', /Onderschrift is verplicht/],
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: gone.id, caption: 'x'.repeat(201) }), 'invalid_input', /Onderschrift: maximaal 200 tekens/],
      [t.api.call('feedbackSessions.addItem', { visitId, fragmentId: gone.id, caption: 'Bij 01:12 lacht hij' }), 'invalid_input', /zonder tijdcode/],
      [t.api.call('feedbackSessions.updateCaption', { itemId: 999_999, caption: 'Mooi.' }), 'not_found', /staat niet \(meer\) in de videofeedback/],
      [t.api.call('feedbackSessions.saveWords', { itemId: 999_999, questionId: 1, words: 'ja' }), 'not_found', /staat niet \(meer\) in de videofeedback/],
      [t.api.call('feedbackSessions.makeFilm', { visitId: family.visits[0]!.id }), 'conflict', /nog geen fragmenten gekozen/],
    ];
    for (const [call, code, message] of cases) {
      const refusal = await refused(call);
      expect(refusal.code, String(message)).toBe(code);
      expect(refusal.message).toMatch(message);
    }
    const item = (await t.api.call('feedbackSessions.get', { visitId })).items[0]!;
    expect((await refused(t.api.call('feedbackSessions.updateCaption', { itemId: item.id, caption: 'Voor ob-26-501' }))).message).toMatch(/laat de gezinscode OB-26-501 weg/);
    expect((await refused(t.api.call('feedbackSessions.moveItem', { itemId: item.id, direction: 'up' }))).message).toMatch(/staat al vooraan/);
    expect((await refused(t.api.call('feedbackSessions.saveWords', { itemId: item.id, questionId: 999, words: 'ja' }))).message).toMatch(/Deze vraag bestaat niet/);
    // A visit holding a session is not removed with it (its recordings are elsewhere: only the session would go).
    const removal = await refused(t.api.call('visits.remove', { id: visitId }));
    expect(removal).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Bij dit huisbezoek hoort videofeedback met de woorden van de ouders/) });
    expect(snapshot()).toBe(before);
    await t.api.call('feedbackSessions.removeItem', { itemId: item.id });
    await t.api.call('visits.remove', { id: visitId });
  });

  it('follows the fragment list’s blindness: another rater’s fragment in an unrevealed round is neither offered nor shown', async () => {
    const mine = await mark(500, 1500);
    await signInAs(t.api, rater.id);
    const theirs = await mark(2000, 3000, true);
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: theirs.id, caption: 'Je kijkt hem aan.' });
    await signInAs(t.api, coordinator.id);
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: mine.id, caption: 'Je zingt voor hem.' });
    expect((await t.api.call('feedbackSessions.get', { visitId })).items).toHaveLength(2);

    const db = t.backend.db;
    const roundId = Number(db.prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, created_at) VALUES ('Blind', '2026-03-20', 'meeting', 'coordinator', ?)`).run(new Date().toISOString()).lastInsertRowid);
    db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, 0)').run(roundId, recordingId);

    const session = await t.api.call('feedbackSessions.get', { visitId });
    expect(session.items.map((i) => i.fragmentId)).toEqual([mine.id]);
    expect(session.hiddenCount).toBe(1);
    expect((await t.api.call('feedbackSessions.candidates', { visitId })).map((c) => c.fragmentId)).toEqual([mine.id]);
    const hiddenItem = db.prepare('SELECT id FROM feedback_items WHERE fragment_id = ?').get(theirs.id) as { id: number };
    expect((await refused(t.api.call('feedbackSessions.saveWords', { itemId: hiddenItem.id, questionId: 1, words: 'ja' }))).code).toBe('not_found');
    // The film holds only what this viewer may see.
    const [film] = await t.api.call('feedbackSessions.makeFilm', { visitId });
    expect(film!.fragmentIds).toEqual([mine.id]);

    db.prepare('UPDATE rounds SET revealed_at = ? WHERE id = ?').run(new Date().toISOString(), roundId);
    expect((await t.api.call('feedbackSessions.get', { visitId })).items).toHaveLength(2);
  });
});

describe("the parents' words", () => {
  it('keeps them per item and question, separate from the fragment’s own answers, logged without the words', async () => {
    const fragment = await mark(500, 1500, true);
    const session = await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: fragment.id, caption: 'Samen in bad.' });
    const [wat, hoe] = session.questions;
    const itemId = session.items[0]!.id;
    await t.api.call('feedbackSessions.saveWords', { itemId, questionId: wat!.id, words: 'Hij ZZWOORD lacht naar mij' });
    await t.api.call('feedbackSessions.saveWords', { itemId, questionId: hoe!.id, words: 'Fijn' });
    await t.api.call('feedbackSessions.saveWords', { itemId, questionId: hoe!.id, words: '' });
    const again = await t.api.call('feedbackSessions.get', { visitId });
    expect(again.items[0]!.words).toEqual([{ questionId: wat!.id, words: 'Hij ZZWOORD lacht naar mij' }]);
    // The same fragment in another visit starts without words; the fragment's own answers stay empty.
    const first = await t.api.call('feedbackSessions.addItem', { visitId: family.visits[0]!.id, fragmentId: fragment.id, caption: 'Samen in bad.' });
    expect(first.items[0]!.words).toEqual([]);
    expect((await t.api.call('fragments.list', { recordingId })).fragments[0]!.answers).toEqual([]);

    // An archived question keeps its words but takes no new ones.
    await t.api.call('questions.update', { questions: [{ id: hoe!.id, text: hoe!.text }] });
    expect((await t.api.call('feedbackSessions.get', { visitId })).questions.map((q) => q.id)).toEqual([hoe!.id]);
    await t.api.call('feedbackSessions.saveWords', { itemId, questionId: wat!.id, words: 'Hij lacht' });
    expect((await refused(t.api.call('feedbackSessions.saveWords', { itemId: first.items[0]!.id, questionId: wat!.id, words: 'nieuw' }))).message).toBe(
      'De vraag "Wat zie je?" wordt niet meer gesteld. Er is niets gewijzigd.',
    );

    const rows = t.backend.db.prepare(`SELECT action, detail FROM access_log WHERE family_id = ? AND action LIKE 'feedback.%' ORDER BY id`).all(family.id) as { action: string; detail: string }[];
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['feedback.item_add', 'feedback.words', 'feedback.read']));
    expect(rows.find((r) => r.action === 'feedback.words')!.detail).toBe(`onderdeel ${itemId}, vraag ${wat!.id}: woorden van de ouders bewaard`);
    expect(t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE detail LIKE '%ZZWOORD%' OR detail LIKE '%Samen in bad%'`).get()).toEqual({ n: 0 });
  });
});

describe('the feedback film of a visit', () => {
  it('puts the caption, not tag names or times, on the card before each fragment, in the chosen order, and ffmpeg makes it', async () => {
    const late = await mark(4000, 5000, true);
    const early = await mark(1000, 2000);
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: late.id, caption: 'Hier zoekt je baby jouw blik, en jij kijkt terug.' });
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: early.id, caption: 'Jullie lachen samen.' });

    const films = await t.api.call('feedbackSessions.makeFilm', { visitId });
    expect(films).toHaveLength(1);
    expect(films[0]).toMatchObject({ kind: 'reel', fileName: 'OB-26-501_2026-03-15_feedbackfilm-bezoek.mp4', fragmentIds: [late.id, early.id] });

    // The plan: one card per fragment with the caption's lines only, all large.
    const job = t.backend.db.prepare('SELECT params_json FROM media_jobs WHERE id = ?').get(films[0]!.job.id) as { params_json: string };
    const params = readExportParams(job);
    expect(params.windows.map((w) => [w.fromMs, w.toMs, w.title])).toEqual([
      [4000, 5000, ['Hier zoekt je baby jouw blik, en', 'jij kijkt terug.']],
      [1000, 2000, ['Jullie lachen samen.']],
    ]);
    const pieces = exportPieces(params.windows, { num: FPS, den: 1 }, 6000, true);
    const cards = pieces.filter((p) => p.kind === 'card');
    expect(cards.map((c) => c.lines)).toEqual([
      [
        { text: 'Hier zoekt je baby jouw blik, en', size: 'large' },
        { text: 'jij kijkt terug.', size: 'large' },
      ],
      [{ text: 'Jullie lachen samen.', size: 'large' }],
    ]);
    const cardText = JSON.stringify(cards);
    expect(cardText).not.toMatch(/sensitieve reactie|\d\d:\d\d/);

    await t.backend.services.jobs.whenIdle();
    const { films: done } = await t.api.call('feedbackSessions.get', { visitId });
    expect(done.map((f) => [f.job.status, f.downloadUrl])).toEqual([['done', `/downloads/${films[0]!.job.id}`]]);
    // 2 cards of 2 s + two fragments of 1 s.
    const probe = await probeMedia(join(t.dataDir, 'library', 'derived', `export-${films[0]!.job.id}.mp4`));
    expect(Math.abs(probe.durationMs! - (2 * TITLE_CARD_MS + 2000))).toBeLessThanOrEqual(2 * (1000 / FPS) + 25);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 160, height: 120 });
    // The recording's own reel is unchanged: tag names and the time on its cards.
    const reel = await t.api.call('videoExports.feedbackReel', { recordingId });
    const reelParams = readExportParams(t.backend.db.prepare('SELECT params_json FROM media_jobs WHERE id = ?').get(reel.job.id) as { params_json: string });
    expect(reelParams.windows[0]!.title).toEqual(['sensitieve reactie', '00:00:04']);

    const log = t.backend.db.prepare(`SELECT detail FROM access_log WHERE action = 'feedback.film'`).all();
    expect(log).toEqual([{ detail: 'bezoek 2026-03-15: feedbackfilm met 2 fragmenten' }]);
  }, 90_000);

  it('makes one film per recording when the visit’s fragments come from two recordings', async () => {
    const second = await importInto(family);
    await t.backend.services.jobs.whenIdle();
    const a = await mark(1000, 2000, true);
    const b = await mark(1000, 2000, true, second);
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: a.id, caption: 'Een.' });
    await t.api.call('feedbackSessions.addItem', { visitId, fragmentId: b.id, caption: 'Twee.' });
    const films = await t.api.call('feedbackSessions.makeFilm', { visitId });
    expect(films.map((f) => [f.fileName, f.fragmentIds])).toEqual([
      ['OB-26-501_2026-03-15_feedbackfilm-bezoek.mp4', [a.id]],
      ['OB-26-501_2026-03-15_feedbackfilm-bezoek-2.mp4', [b.id]],
    ]);
  }, 90_000);
});
