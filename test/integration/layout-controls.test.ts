import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fragmentWorld, type FragmentWorld } from './support/fragment-world';
import { refusal } from './support/refusal';
import { startTestBackend, type TestBackend } from './support/temp-backend';

// Bidi controls in typed text (names, labels, notes) are removed before they are stored: they
// would draw a name mirrored in every list (and in the exports), and no one types them on purpose.

let t: TestBackend;
let w: FragmentWorld;

beforeEach(async () => {
  t = startTestBackend(undefined, { runJobs: false });
  w = await fragmentWorld(t);
});
afterEach(() => t.close());

describe('bidi controls in typed text', () => {
  it('are removed from rater names, caregiver labels, tag names and notes, as stored and as read back', async () => {
    await w.as(w.coordinator);
    const rater = await t.api.call('raters.create', { name: 'Eva \u202Esnaj\u202C', initials: 'EJ', role: 'rater', pin: '482913' });
    expect(rater.name).toBe('Eva snaj');
    const caregiver = await t.api.call('caregivers.add', { familyId: w.familyId, role: 'partner', label: '\u2067partner\u2069 (P.)\u200F' });
    expect(caregiver.label).toBe('partner (P.)');
    const tag = await t.api.call('tags.create', { name: 'opgepakt\u202E signaal', color: '#336699' });
    expect(tag.name).toBe('opgepakt signaal');
    const visit = await t.api.call('visits.add', { familyId: w.familyId, date: '2026-03-01', phase: 'begeleiding', notes: 'eerste\u2028bezoek \u202Dthuis' });
    expect(visit.notes).toBe('eerstebezoek thuis');
    const stored = t.backend.db.prepare('SELECT name FROM raters WHERE id = ?').get(rater.id) as { name: string };
    expect(stored.name).toBe('Eva snaj');
  });

  it('a name of nothing but bidi controls is refused as empty, and nothing is stored', async () => {
    await w.as(w.coordinator);
    const before = (t.backend.db.prepare('SELECT count(*) AS n FROM tags').get() as { n: number }).n;
    const error = await refusal(t.api.call('tags.create', { name: '\u202E\u202C', color: '#336699' }));
    expect(error.body.code).toBe('invalid_input');
    expect(error.body.message).toContain('is verplicht');
    expect((t.backend.db.prepare('SELECT count(*) AS n FROM tags').get() as { n: number }).n).toBe(before);
  });
});
