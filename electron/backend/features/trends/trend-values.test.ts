import { describe, expect, it } from 'vitest';
import { itemNumber, itemValue, MomentAccumulator, momentValues, phaseSpans } from './trend-values';

const visible = { blindRound: false };
const scores = (...values: [number, number][]) => values.map(([raterId, value]) => ({ raterId, roundId: 1, value }));

describe('itemValue', () => {
  it('takes the consensus when there is one, and keeps the raters range and count beside it', () => {
    const value = itemValue(visible, { blind: scores([1, 3], [2, 3], [3, 4]), consensus: 3 });
    expect(value).toEqual({ value: 3, source: 'consensus', consensus: 3, mean: 10 / 3, min: 3, max: 4, scoreCount: 3, raterCount: 3 });
  });

  it('falls back to the mean of the blind scores, labelled as a mean', () => {
    const value = itemValue(visible, { blind: scores([1, 4], [2, 5], [3, 4]), consensus: null });
    expect(value.source).toBe('mean');
    expect(value.value).toBeCloseTo(13 / 3, 12);
    expect([value.min, value.max]).toEqual([4, 5]);
  });

  it('counts a rater who scored in two meetings once', () => {
    const value = itemValue(visible, { blind: [...scores([1, 4], [1, 6]), ...scores([2, 5])], consensus: null });
    expect(value.scoreCount).toBe(3);
    expect(value.raterCount).toBe(2);
  });

  it('with a rater filter uses only that rater and never the consensus', () => {
    const value = itemValue(visible, { blind: scores([1, 3], [2, 5]), consensus: 4 }, 2);
    expect(value).toMatchObject({ value: 5, source: 'mean', consensus: null, scoreCount: 1, raterCount: 1 });
    expect(itemValue(visible, { blind: scores([1, 3]), consensus: 4 }, 9)).toMatchObject({ value: null, source: 'none' });
  });

  it('leaves gaps as gaps and hides recordings in a blind round entirely', () => {
    expect(itemValue(visible, undefined)).toMatchObject({ value: null, source: 'none', scoreCount: 0 });
    expect(itemValue(visible, { blind: [], consensus: null })).toMatchObject({ value: null, source: 'none' });
    expect(itemValue({ blindRound: true }, { blind: scores([1, 9]), consensus: 9 })).toMatchObject({ value: null, source: 'blind_round', consensus: null, min: null });
  });

  it('itemNumber agrees with itemValue', () => {
    const cases = [
      { blind: scores([1, 3], [2, 4]), consensus: null },
      { blind: scores([1, 3], [2, 4]), consensus: 7 },
      { blind: [], consensus: null },
    ];
    for (const item of cases) {
      for (const rater of [undefined, 1, 2, 3]) expect(itemNumber(visible, item, rater)).toBe(itemValue(visible, item, rater).value);
    }
    expect(itemNumber({ blindRound: true }, cases[1])).toBeNull();
  });
});

describe('moment values', () => {
  it('average the scored recordings of a moment, count the unscored ones, and ignore recordings without a moment', () => {
    const values = momentValues([
      { moment: 'voormeting', value: 3 },
      { moment: 'voormeting', value: 5 },
      { moment: 'geen', value: 9 },
      { moment: 'nameting', value: null },
    ]);
    expect(values).toEqual([
      { moment: 'voormeting', value: 4, scoredRecordings: 2, recordings: 2 },
      { moment: 'nameting', value: null, scoredRecordings: 0, recordings: 1 },
      { moment: 'follow-up', value: null, scoredRecordings: 0, recordings: 0 },
    ]);
  });

  it('MomentAccumulator gives the same means', () => {
    const accumulator = new MomentAccumulator();
    accumulator.add('voormeting', 3);
    accumulator.add('voormeting', 5);
    accumulator.add('geen', 9);
    accumulator.add('nameting', null);
    accumulator.add('follow-up', 7);
    expect([accumulator.value('voormeting'), accumulator.value('nameting'), accumulator.value('follow-up')]).toEqual([4, null, 7]);
  });
});

describe('phaseSpans', () => {
  it('joins neighbouring visits of one phase and runs each span to the next phase', () => {
    expect(
      phaseSpans([
        { date: '2026-03-24', phase: 'begeleiding' },
        { date: '2026-02-10', phase: 'introductie' },
        { date: '2026-04-14', phase: 'begeleiding' },
        { date: '2026-05-12', phase: 'evaluatie' },
      ]),
    ).toEqual([
      { phase: 'introductie', from: '2026-02-10', to: '2026-03-24' },
      { phase: 'begeleiding', from: '2026-03-24', to: '2026-05-12' },
      { phase: 'evaluatie', from: '2026-05-12', to: '2026-05-12' },
    ]);
    expect(phaseSpans([])).toEqual([]);
  });
});
