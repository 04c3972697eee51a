import { describe, expect, it } from 'vitest';
import { orderBySpread, spreadOf } from './meeting-order';

describe('spreadOf', () => {
  it('gives median, range and spread of whole-point scores', () => {
    expect(spreadOf([3, 7, 5, 4])).toEqual({ median: 4.5, min: 3, max: 7, spread: 4 });
    expect(spreadOf([6])).toEqual({ median: 6, min: 6, max: 6, spread: 0 });
    expect(spreadOf([])).toEqual({ median: null, min: null, max: null, spread: null });
  });
});

describe('orderBySpread', () => {
  it('puts the largest disagreement first and keeps agenda order for ties, items without scores last', () => {
    const items = [
      { id: 'a', spread: 1, agendaIndex: 0, caregiverIndex: 0, scale: 'sensitivity' as const },
      { id: 'b', spread: 4, agendaIndex: 1, caregiverIndex: 0, scale: 'cooperation' as const },
      { id: 'c', spread: null, agendaIndex: 0, caregiverIndex: 1, scale: 'sensitivity' as const },
      { id: 'd', spread: 1, agendaIndex: 0, caregiverIndex: 0, scale: 'cooperation' as const },
      { id: 'e', spread: 4, agendaIndex: 0, caregiverIndex: 1, scale: 'sensitivity' as const },
    ];
    expect(orderBySpread(items).map((item) => item.id)).toEqual(['e', 'b', 'a', 'd', 'c']);
  });
});
