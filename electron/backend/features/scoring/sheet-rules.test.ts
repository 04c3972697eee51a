import { describe, expect, it } from 'vitest';
import { describeMissing, lockReason, missingScores } from './sheet-rules';

const mother = { id: 1, label: 'moeder' };
const father = { id: 2, label: 'vader' };

describe('missingScores', () => {
  it('asks for both scales of every caregiver in view', () => {
    expect(missingScores([mother, father], [])).toHaveLength(4);
    const missing = missingScores(
      [mother, father],
      [
        { caregiverId: 1, scale: 'sensitivity', value: 5 },
        { caregiverId: 1, scale: 'cooperation', value: 6 },
        { caregiverId: 2, scale: 'sensitivity', value: null },
      ],
    );
    expect(missing).toEqual([
      { caregiverId: 2, caregiverLabel: 'vader', scale: 'sensitivity' },
      { caregiverId: 2, caregiverLabel: 'vader', scale: 'cooperation' },
    ]);
  });

  it('ignores scores of caregivers no longer in view', () => {
    expect(missingScores([mother], [{ caregiverId: 9, scale: 'sensitivity', value: 3 }])).toHaveLength(2);
  });
});

describe('describeMissing', () => {
  it('names what is missing in Dutch and shortens long lists', () => {
    expect(describeMissing([{ caregiverLabel: 'moeder', scale: 'cooperation' }])).toBe('Coöperatie voor moeder');
    const many = Array.from({ length: 6 }, (_, i) => ({ caregiverLabel: `ouder ${i}`, scale: 'sensitivity' as const }));
    expect(describeMissing(many)).toMatch(/en nog 2$/);
  });
});

describe('lockReason', () => {
  it('locks submitted sheets and every sheet of a revealed round', () => {
    expect(lockReason('draft', false)).toBeNull();
    expect(lockReason('none', false)).toBeNull();
    expect(lockReason('submitted', false)).toMatch(/Heropen/);
    expect(lockReason('draft', true)).toMatch(/onthuld/);
  });
});
