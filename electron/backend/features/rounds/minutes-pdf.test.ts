import { describe, expect, it } from 'vitest';
import type { RoundRecording } from '../../../../shared/domain/scoring';
import { caregiverRoleNames, dutchDateTime, fileSlug, minutesFileName } from './minutes-pdf';

describe('the minutes file name', () => {
  it('is notulen_<slug of the round name>_<meeting date>.pdf, ASCII only', () => {
    expect(minutesFileName({ id: 3, name: 'Intervisie november', heldOn: '2026-11-12' })).toBe('notulen_intervisie-november_2026-11-12.pdf');
    expect(minutesFileName({ id: 3, name: 'Coöperatie – één/twee: "extra"!', heldOn: '2026-11-12' })).toBe('notulen_cooperatie-een-twee-extra_2026-11-12.pdf');
    expect(minutesFileName({ id: 7, name: '——', heldOn: '2026-01-05' })).toBe('notulen_ronde-7_2026-01-05.pdf');
  });

  it('cuts a long name without leaving a dash at the end', () => {
    const slug = fileSlug(`${'a'.repeat(59)} b`, 'x');
    expect(slug).toBe('a'.repeat(59));
    expect(fileSlug('x'.repeat(100), 'y')).toHaveLength(60);
  });
});

describe('dutchDateTime', () => {
  it('writes local time as dd-mm-jjjj uu:mm', () => {
    const at = new Date(2026, 10, 12, 9, 5);
    expect(dutchDateTime(at.toISOString())).toBe('12-11-2026 09:05');
    expect(dutchDateTime('not a date')).toBe('–');
  });
});

describe('caregiverRoleNames', () => {
  it('names parents by role, numbered only when one family has two in the same role', () => {
    const recording = (caregivers: { id: number; familyId: number; role: 'moeder' | 'vader' | 'partner' | 'anders' }[]) =>
      ({ caregivers: caregivers.map((c) => ({ ...c, label: `label ${c.id}` })) }) as unknown as RoundRecording;
    const names = caregiverRoleNames([
      recording([
        { id: 1, familyId: 10, role: 'moeder' },
        { id: 2, familyId: 10, role: 'vader' },
      ]),
      recording([{ id: 3, familyId: 20, role: 'moeder' }]),
      recording([{ id: 5, familyId: 20, role: 'moeder' }, { id: 6, familyId: 20, role: 'anders' }]),
    ]);
    expect(Object.fromEntries(names)).toEqual({ 1: 'Moeder', 2: 'Vader', 3: 'Moeder 1', 5: 'Moeder 2', 6: 'Ouder/verzorger' });
  });
});
