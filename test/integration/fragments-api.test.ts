import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fragmentWorld, refused, type FragmentWorld } from './support/fragment-world';
import { startTestBackend, type TestBackend } from './support/temp-backend';

let t: TestBackend;
let w: FragmentWorld;
beforeEach(async () => {
  t = startTestBackend();
  w = await fragmentWorld(t);
});
afterEach(() => t.close());

const tagId = async (name: string) => (await t.api.call('tags.list', { includeArchived: true })).find((tag) => tag.name === name)!.id;
const count = () => (t.backend.db.prepare('SELECT count(*) AS n FROM fragments').get() as { n: number }).n;

describe('tag set', () => {
  it('starts with the Dutch default set, each with a colour, a unique shortcut 1–9 and a description', async () => {
    const tags = await t.api.call('tags.list', {});
    expect(tags.map((tag) => tag.name)).toEqual([
      'contactinitiatief baby',
      'sensitieve reactie',
      'gemist signaal',
      'interferentie',
      'coöperatie',
      'positief moment voor feedback',
      'oogcontact',
      'troosten',
      'plezier/spel',
    ]);
    expect(tags.map((tag) => tag.shortcut)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const tag of tags) {
      expect(tag.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(tag.description.length).toBeGreaterThan(10);
    }
  });

  it('lets only a coordinator add, edit and archive tags; names and active shortcuts stay unique', async () => {
    await w.as(w.rater);
    expect((await refused(t.api.call('tags.create', { name: 'lachen', color: '#AABBCC' }))).code).toBe('forbidden');
    await w.as(w.coordinator);
    const created = await t.api.call('tags.create', { name: 'lachen', color: '#AABBCC', description: 'Baby lacht.' });
    expect(created).toMatchObject({ name: 'lachen', color: '#aabbcc', shortcut: null, archived: false, usage: 0 });
    expect(await refused(t.api.call('tags.create', { name: 'Oogcontact', color: '#000000' }))).toMatchObject({ code: 'conflict' });
    expect((await refused(t.api.call('tags.update', { id: created.id, shortcut: 7 }))).message).toBe('Sneltoets 7 hoort al bij "oogcontact".');
    expect((await refused(t.api.call('tags.create', { name: 'a|b', color: '#000000' }))).code).toBe('invalid_input');
    expect((await refused(t.api.call('tags.update', { id: created.id, shortcut: 0 }))).message).toContain('1 tot en met 9');

    // Archiving frees the key; unarchiving does not take it back from the new holder.
    const oogcontact = await tagId('oogcontact');
    expect(await t.api.call('tags.archive', { id: oogcontact })).toMatchObject({ archived: true, shortcut: 7 });
    expect(await t.api.call('tags.update', { id: created.id, shortcut: 7, name: 'lachen samen' })).toMatchObject({ shortcut: 7, name: 'lachen samen' });
    expect((await t.api.call('tags.list', {})).some((tag) => tag.id === oogcontact)).toBe(false);
    expect(await t.api.call('tags.unarchive', { id: oogcontact })).toMatchObject({ archived: false, shortcut: null });
  });

  it('keeps an archived tag readable on old fragments but not choosable for new ones', async () => {
    const troosten = await tagId('troosten');
    const fragment = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, endMs: 2000, tagIds: [troosten] });
    await t.api.call('tags.archive', { id: troosten });
    const [listed] = (await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments;
    expect(listed!.tags).toEqual([{ id: troosten, name: 'troosten', color: '#882255', archived: true }]);
    expect((await refused(t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 0, tagIds: [troosten] }))).message).toBe(
      'Het label "troosten" is gearchiveerd en kan niet meer worden gekozen.',
    );
    // Editing the fragment keeps its archived tag.
    const edited = await t.api.call('fragments.update', { id: fragment.id, tagIds: [troosten, await tagId('plezier/spel')] });
    expect(edited.tags.map((tag) => tag.name)).toEqual(['troosten', 'plezier/spel']);
  });
});

describe('mentalizing questions', () => {
  it('has the default questions; a coordinator edits, adds and drops, and old answers stay readable', async () => {
    const questions = await t.api.call('questions.list', {});
    expect(questions.map((q) => q.text)).toEqual(['Wat zie je?', 'Hoe is dit voor jou als ouder?', 'Wat denk je dat je baby voelt?']);
    const [first, second, third] = questions;
    const fragment = await t.api.call('fragments.create', {
      recordingId: w.recordingId,
      startMs: 5000,
      tagIds: [await tagId('sensitieve reactie')],
      answers: [{ questionId: third!.id, answer: 'Ze voelt zich veilig.' }],
    });
    await w.as(w.rater);
    expect((await refused(t.api.call('questions.update', { questions: [{ text: 'x' }] }))).code).toBe('forbidden');
    await w.as(w.coordinator);
    const updated = await t.api.call('questions.update', {
      questions: [{ id: second!.id, text: 'Hoe was dit voor jou?' }, { id: first!.id, text: 'Wat zie je?' }, { text: 'Wat zou je nog eens willen doen?' }],
    });
    expect(updated.map((q) => q.text)).toEqual(['Hoe was dit voor jou?', 'Wat zie je?', 'Wat zou je nog eens willen doen?']);
    const all = await t.api.call('questions.list', { includeArchived: true });
    expect(all.find((q) => q.id === third!.id)).toMatchObject({ archived: true });
    const [listed] = (await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments;
    expect(listed!.answers).toEqual([{ questionId: third!.id, answer: 'Ze voelt zich veilig.' }]);
    expect((await refused(t.api.call('fragments.update', { id: fragment.id + 1000, note: 'x' }))).code).toBe('not_found');
    // A dropped question takes no new answers, but its old answer can still be edited.
    const other = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 0, tagIds: [await tagId('oogcontact')] });
    expect((await refused(t.api.call('fragments.update', { id: other.id, answers: [{ questionId: third!.id, answer: 'x' }] }))).message).toContain(
      'wordt niet meer gesteld',
    );
    const edited = await t.api.call('fragments.update', { id: fragment.id, answers: [{ questionId: third!.id, answer: 'Veilig en rustig.' }] });
    expect(edited.answers).toEqual([{ questionId: third!.id, answer: 'Veilig en rustig.' }]);
  });
});

describe('fragments', () => {
  it('stores start and end in ms and as frames from the rational frame rate; a point when the end is left out', async () => {
    const tags = [await tagId('sensitieve reactie'), await tagId('oogcontact')];
    const span = await t.api.call('fragments.create', {
      recordingId: w.recordingId,
      startMs: 1001,
      endMs: 60_000,
      tagIds: tags,
      caregiverId: w.vaderId,
      note: 'Vader "reageert";\nbaby kalmeert.',
      forFeedback: true,
    });
    expect(span).toMatchObject({
      recordingId: w.recordingId,
      raterId: w.coordinator.id,
      raterInitials: 'CT',
      mine: true,
      startMs: 1001,
      endMs: 60_000,
      startFrame: 30, // 1001 ms at 30000/1001 fps is exactly frame 30
      endFrame: 1798, // not 1798.2 (29.97 × 60)
      isPoint: false,
      caregiverId: w.vaderId,
      forFeedback: true,
      origin: 'app',
    });
    expect(span.tags.map((tag) => tag.name)).toEqual(['sensitieve reactie', 'oogcontact']);
    const point = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 900_000, tagIds: [tags[0]!] });
    expect(point).toMatchObject({ startMs: 900_000, endMs: 900_000, startFrame: 26_973, endFrame: 26_973, isPoint: true, caregiverId: null });
  });

  it('takes the only caregiver in view when none is given', async () => {
    const family = await t.api.call('families.create', { code: 'OB-26-009', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [{ role: 'moeder', label: 'moeder' }] });
    const { seedRecording } = await import('./support/seed');
    const recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [family.caregivers[0]!.id] });
    const fragment = await t.api.call('fragments.create', { recordingId, startMs: 0, tagIds: [await tagId('troosten')] });
    expect(fragment.caregiverId).toBe(family.caregivers[0]!.id);
    const general = await t.api.call('fragments.create', { recordingId, startMs: 0, tagIds: [await tagId('troosten')], caregiverId: null });
    expect(general.caregiverId).toBeNull();
  });

  it('refuses bad input with a Dutch message and stores nothing', async () => {
    const tag = await tagId('oogcontact');
    const base = { recordingId: w.recordingId, tagIds: [tag] };
    const cases: [Promise<unknown>, string][] = [
      [t.api.call('fragments.create', { ...base, startMs: 5000, endMs: 4000 }), 'Het einde van het fragment ligt vóór het begin.'],
      [t.api.call('fragments.create', { ...base, startMs: 899_000, endMs: 900_001 }), 'Het fragment valt buiten de opname (die duurt 00:15:00.000).'],
      [t.api.call('fragments.create', { ...base, startMs: -1 }), 'Een tijd kan niet vóór het begin van de opname liggen.'],
      [t.api.call('fragments.create', { ...base, startMs: 1.5 }), 'Een tijd is een geheel aantal milliseconden.'],
      [t.api.call('fragments.create', { ...base, startMs: 0, tagIds: [] }), 'Kies minstens één label.'],
      [t.api.call('fragments.create', { ...base, startMs: 0, tagIds: [9999] }), 'Een gekozen label bestaat niet (meer).'],
      [t.api.call('fragments.create', { ...base, startMs: 0, caregiverId: 9999 }), 'Deze ouder/verzorger is niet in beeld in deze opname.'],
      [t.api.call('fragments.create', { ...base, recordingId: 9999, startMs: 0 }), 'Deze opname bestaat niet (meer).'],
      [t.api.call('fragments.create', { ...base, startMs: 0, answers: [{ questionId: 9999, answer: 'x' }] }), 'Een beantwoorde vraag bestaat niet (meer).'],
    ];
    for (const [call, message] of cases) expect((await refused(call)).message).toContain(message);
    expect(count()).toBe(0);

    const fragment = await t.api.call('fragments.create', { ...base, startMs: 1000, endMs: 2000 });
    expect((await refused(t.api.call('fragments.update', { id: fragment.id, startMs: 3000 }))).message).toBe('Het einde van het fragment ligt vóór het begin.');
    expect((await refused(t.api.call('fragments.update', { id: fragment.id }))).message).toContain('Geef minstens één veld');
    const [unchanged] = (await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments;
    expect(unchanged).toMatchObject({ startMs: 1000, endMs: 2000 });
  });

  it('updates as a patch and recomputes frames', async () => {
    const fragment = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, endMs: 2000, tagIds: [await tagId('oogcontact')], note: 'eerst' });
    const moved = await t.api.call('fragments.update', { id: fragment.id, endMs: 10_010 });
    expect(moved).toMatchObject({ startMs: 1000, endMs: 10_010, startFrame: 29, endFrame: 300, note: 'eerst' });
    const noted = await t.api.call('fragments.update', { id: fragment.id, note: 'daarna', forFeedback: true, caregiverId: w.moederId });
    expect(noted).toMatchObject({ endMs: 10_010, note: 'daarna', forFeedback: true, caregiverId: w.moederId });
  });

  it('lets only the owner change a fragment', async () => {
    const fragment = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, tagIds: [await tagId('oogcontact')] });
    await w.as(w.rater);
    const [seen] = (await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments;
    expect(seen).toMatchObject({ id: fragment.id, mine: false });
    for (const call of [
      t.api.call('fragments.update', { id: fragment.id, note: 'van mij' }),
      t.api.call('fragments.remove', { ids: [fragment.id] }),
    ]) {
      expect(await refused(call)).toEqual({
        code: 'forbidden',
        message: 'Alleen wie een fragment heeft gemaakt, kan het wijzigen of verwijderen.',
        messageEn: 'Only the person who made a fragment can change or delete it.',
      });
    }
    await w.as(w.coordinator);
    await t.api.call('fragments.remove', { ids: [fragment.id] });
    await w.as(w.rater);
    expect((await refused(t.api.call('fragments.restore', { ids: [fragment.id] }))).code).toBe('forbidden');
  });

  it('removes reversibly: restore brings back the same fragment with the same id, tags and answers', async () => {
    const [question] = await t.api.call('questions.list', {});
    const a = await t.api.call('fragments.create', {
      recordingId: w.recordingId,
      startMs: 1000,
      endMs: 3000,
      tagIds: [await tagId('troosten'), await tagId('plezier/spel')],
      caregiverId: w.moederId,
      note: 'notitie',
      forFeedback: true,
      answers: [{ questionId: question!.id, answer: 'Troost.' }],
    });
    const b = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 4000, tagIds: [await tagId('oogcontact')] });
    const { removed } = await t.api.call('fragments.remove', { ids: [a.id, b.id] });
    expect(removed).toEqual([a, b]);
    expect((await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments).toEqual([]);
    expect((await refused(t.api.call('fragments.update', { id: a.id, note: 'x' }))).code).toBe('not_found');
    expect((await refused(t.api.call('fragments.remove', { ids: [a.id] }))).code).toBe('not_found');
    const restored = await t.api.call('fragments.restore', { ids: [a.id, b.id] });
    expect(restored.map(({ updatedAt: _u, ...rest }) => rest)).toEqual([a, b].map(({ updatedAt: _u, ...rest }) => rest));
    expect((await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments.map((f) => f.id)).toEqual([a.id, b.id]);
    expect((await refused(t.api.call('fragments.restore', { ids: [a.id] }))).code).toBe('conflict');
  });

  it('purges removed fragments after a day', async () => {
    const old = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 0, tagIds: [await tagId('oogcontact')] });
    await t.api.call('fragments.remove', { ids: [old.id] });
    t.backend.db.prepare(`UPDATE fragments SET deleted_at = '2020-01-01T00:00:00.000Z' WHERE id = ?`).run(old.id);
    const fresh = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 0, tagIds: [await tagId('oogcontact')] });
    await t.api.call('fragments.remove', { ids: [fresh.id] });
    expect((await refused(t.api.call('fragments.restore', { ids: [old.id] }))).code).toBe('not_found');
    expect(await t.api.call('fragments.restore', { ids: [fresh.id] })).toHaveLength(1);
  });

  it('filters by tag, rater, caregiver, feedback flag, time window and note text', async () => {
    const oog = await tagId('oogcontact');
    const troost = await tagId('troosten');
    const mk = (startMs: number, endMs: number, tagIds: number[], extra: object = {}) =>
      t.api.call('fragments.create', { recordingId: w.recordingId, startMs, endMs, tagIds, ...extra });
    const a = await mk(1000, 2000, [oog], { caregiverId: w.moederId, note: 'Lacht 50% van de tijd' });
    const b = await mk(5000, 9000, [troost], { caregiverId: w.vaderId, forFeedback: true });
    await w.as(w.rater);
    const c = await mk(8000, 8000, [oog, troost], { caregiverId: null });
    const ids = async (filters: object) => (await t.api.call('fragments.list', { recordingId: w.recordingId, filters })).fragments.map((f) => f.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ tagIds: [oog] })).toEqual([a.id, c.id]);
    expect(await ids({ raterIds: [w.rater.id] })).toEqual([c.id]);
    expect(await ids({ caregiverId: w.vaderId })).toEqual([b.id]);
    expect(await ids({ caregiverId: null })).toEqual([c.id]);
    expect(await ids({ forFeedback: true })).toEqual([b.id]);
    expect(await ids({ fromMs: 2500, toMs: 8000 })).toEqual([b.id, c.id]);
    expect(await ids({ search: '50%' })).toEqual([a.id]);
    expect(await ids({ search: '5_%' })).toEqual([]);
  });

  it('writes every read and change of fragments to the access log, without note text', async () => {
    const fragment = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, tagIds: [await tagId('oogcontact')], note: 'geheim' });
    await t.api.call('fragments.update', { id: fragment.id, note: 'nog geheimer' });
    await t.api.call('fragments.list', { recordingId: w.recordingId });
    await t.api.call('fragments.remove', { ids: [fragment.id] });
    await t.api.call('fragments.restore', { ids: [fragment.id] });
    await refused(t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 5, endMs: 1, tagIds: [await tagId('oogcontact')] }));
    const log = await t.api.call('accessLog.forFamily', { familyId: w.familyId });
    const fragmentRows = log.filter((row) => row.action.startsWith('fragment.')).map((row) => [row.action, row.outcome]);
    expect(fragmentRows).toEqual(
      expect.arrayContaining([
        ['fragment.create', 'ok'],
        ['fragment.update', 'ok'],
        ['fragment.list', 'ok'],
        ['fragment.remove', 'ok'],
        ['fragment.restore', 'ok'],
      ]),
    );
    expect(log.find((row) => row.action === 'fragment.create' && row.outcome === 'ok')!.detail).toBe(
      `opname ${w.recordingId}: fragment ${fragment.id} gemaakt`,
    );
    expect(log.some((row) => row.detail.includes('geheim'))).toBe(false);
  });
});

describe('mentalizing question texts', () => {
  it('stay unique: a dropped question typed again comes back with its answers, swaps work, duplicates are refused', async () => {
    const [first, second, third] = await t.api.call('questions.list', {});
    const fragment = await t.api.call('fragments.create', {
      recordingId: w.recordingId,
      startMs: 0,
      tagIds: [await tagId('oogcontact')],
      answers: [{ questionId: third!.id, answer: 'Rustig.' }],
    });
    await t.api.call('questions.update', { questions: [{ id: first!.id, text: first!.text }, { id: second!.id, text: second!.text }] });
    const back = await t.api.call('questions.update', {
      questions: [{ id: first!.id, text: second!.text }, { id: second!.id, text: first!.text }, { text: 'wat denk je dat je baby voelt?' }],
    });
    expect(back.map((q) => [q.id, q.text])).toEqual([
      [first!.id, second!.text],
      [second!.id, first!.text],
      [third!.id, 'wat denk je dat je baby voelt?'],
    ]);
    const [listed] = (await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments;
    expect(listed!.id).toBe(fragment.id);
    expect(listed!.answers).toEqual([{ questionId: third!.id, answer: 'Rustig.' }]);
    expect((await refused(t.api.call('questions.update', { questions: [{ text: 'Twee' }, { text: 'twee' }] }))).message).toContain('twee keer');
    await t.api.call('questions.update', { questions: [{ id: first!.id, text: 'Eén' }] });
    expect((await refused(t.api.call('questions.update', { questions: [{ id: first!.id, text: first!.text }] }))).code).toBe('conflict');
  });
});
