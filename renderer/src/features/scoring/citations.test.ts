import { describe, expect, it } from 'vitest';
import { citationFor, formatTime, parseCitations, splitCitations } from './citations';

describe('citations', () => {
  it('reads points and spans in mm:ss, h:mm:ss and with fractions', () => {
    expect(parseCitations('Zie [01:23] en [02:10-02:30], ook [1:02:03] en [00:05.5 – 00:07].').map(({ startMs, endMs }) => [startMs, endMs])).toEqual([
      [83_000, 83_000],
      [130_000, 150_000],
      [3_723_000, 3_723_000],
      [5_500, 7_000],
    ]);
  });

  it('ignores brackets that are not time codes and spans that run backwards', () => {
    expect(parseCitations('[zie boven] [1:75] [02:00-01:00] [12]')).toEqual([]);
  });

  it('splits text around citations so they can be buttons in place', () => {
    const parts = splitCitations('a [00:10] b');
    expect(parts[0]).toBe('a ');
    expect(parts[1]).toMatchObject({ startMs: 10_000, text: '[00:10]' });
    expect(parts[2]).toBe(' b');
  });

  it('writes citations the way it reads them', () => {
    expect(formatTime(83_999)).toBe('01:23');
    expect(formatTime(3_723_000)).toBe('1:02:03');
    expect(citationFor(83_000)).toBe('[01:23]');
    expect(citationFor(83_000, 91_000)).toBe('[01:23-01:31]');
    expect(parseCitations(citationFor(83_000, 91_000))[0]).toMatchObject({ startMs: 83_000, endMs: 91_000 });
  });
});
