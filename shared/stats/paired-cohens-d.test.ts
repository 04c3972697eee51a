import { describe, expect, it } from 'vitest';
import { pairedChange, pairedChanges, pairedCohensDav, pairedCohensDz } from './paired-cohens-d';

// Reference values from R 4: d <- a - b; mean(d)/sd(d); (mean(a)-mean(b))/((sd(a)+sd(b))/2);
// t.test(a, b, paired = TRUE)$conf.int = [1.725995, 3.274005].
const before = [3, 4, 2, 5, 3, 4, 3, 5];
const after = [7, 6, 5, 7, 6, 6, 4, 8];

describe('paired effect sizes', () => {
  it('match R for d_z and d_av', () => {
    const dz = pairedCohensDz(before, after);
    const dav = pairedCohensDav(before, after);
    expect(dz.ok && dz.value).toBeCloseTo(2.7003086243, 9);
    expect(dav.ok && dav.value).toBeCloseTo(2.1672383014, 9);
    expect(dz.n).toBe(8);
  });

  it('are negative when scores go down, and refuse too few pairs or no spread with a Dutch reason', () => {
    const down = pairedCohensDz(after, before);
    expect(down.ok && down.value).toBeCloseTo(-2.7003086243, 9);
    const one = pairedCohensDz([3], [7]);
    expect(one).toMatchObject({ ok: false, code: 'too-few-clips' });
    const same = pairedCohensDz([3, 4, 5], [5, 6, 7]);
    expect(same).toMatchObject({ ok: false, code: 'no-variance' });
    if (!same.ok) expect(same.reason).toMatch(/variatie/);
    expect(pairedCohensDav([5, 5], [5, 5])).toMatchObject({ ok: false, code: 'no-variance' });
  });

  it('refuse unequal lengths and missing values instead of guessing', () => {
    expect(() => pairedCohensDz([1, 2], [3])).toThrow(RangeError);
    expect(() => pairedCohensDz([1, Number.NaN], [3, 4])).toThrow(RangeError);
  });
});

describe('pairedChange', () => {
  it('gives the mean change with a reproducible bootstrap interval close to the t interval', () => {
    const a = pairedChange(before, after, { resamples: 4000, seed: 7 });
    const b = pairedChange(before, after, { resamples: 4000, seed: 7 });
    expect(a).toEqual(b);
    expect(a.n).toBe(8);
    expect(a.meanBefore).toBeCloseTo(3.625, 9);
    expect(a.meanAfter).toBeCloseTo(6.125, 9);
    if (!a.meanChange.ok) throw new Error('expected a mean change');
    expect(a.meanChange.value).toBeCloseTo(2.5, 9);
    const interval = a.meanChange.bootstrap!;
    expect(interval.level).toBe(0.95);
    // A percentile bootstrap of 8 pairs is a little narrower than the t interval, never wildly off.
    expect(interval.lower).toBeGreaterThan(1.6);
    expect(interval.lower).toBeLessThan(2.5);
    expect(interval.upper).toBeGreaterThan(2.5);
    expect(interval.upper).toBeLessThan(3.4);
  });

  it('reports a single pair as a value without interval or effect size, and no pairs as not computable', () => {
    const one = pairedChange([3], [7], { resamples: 100, seed: 1 });
    expect(one.meanChange).toMatchObject({ ok: true, value: 4, n: 1 });
    expect(one.meanChange.ok && one.meanChange.bootstrap).toBeFalsy();
    expect(one.dz.ok).toBe(false);
    const none = pairedChange([], [], { resamples: 100, seed: 1 });
    expect(none.n).toBe(0);
    expect(none.meanBefore).toBeNull();
    expect(none.meanChange.ok).toBe(false);
  });

  it('gives no interval when every pair changed by the same amount', () => {
    const same = pairedChange([3, 4, 5], [5, 6, 7], { resamples: 200, seed: 1 });
    expect(same.meanChange).toEqual({ ok: true, value: 2, n: 3 });
  });
});

describe('pairedChanges', () => {
  it('resamples whole clusters and shares one draw across comparisons', () => {
    // Two parents per family move together; the cluster interval must be at least as wide as
    // the one that treats them as independent.
    const families = 20;
    const b: number[] = [];
    const a: number[] = [];
    const clusters: number[] = [];
    for (let family = 0; family < families; family++) {
      const change = (family % 5) - 1;
      for (let parent = 0; parent < 2; parent++) {
        b.push(4);
        a.push(4 + change);
        clusters.push(family);
      }
    }
    const options = { resamples: 2000, seed: 3 };
    const [clustered, other] = pairedChanges(
      [
        { before: b, after: a, clusters },
        { before: b.slice(0, 10), after: a.slice(0, 10), clusters: clusters.slice(0, 10) },
      ],
      options,
    );
    const independent = pairedChange(b, a, options);
    const width = (stat: typeof independent.meanChange) => (stat.ok && stat.bootstrap ? stat.bootstrap.upper - stat.bootstrap.lower : 0);
    expect(clustered!.meanChange.ok && clustered!.meanChange.value).toBeCloseTo(1, 9);
    expect(width(clustered!.meanChange)).toBeGreaterThan(width(independent.meanChange));
    // The second comparison only covers 5 of the 20 families: some resamples miss them all.
    expect(other!.n).toBe(10);
    expect(other!.meanChange.ok && other!.meanChange.bootstrap?.used).toBeGreaterThan(1500);
  });

  it('refuses a cluster list of the wrong length', () => {
    expect(() => pairedChanges([{ before: [1, 2], after: [2, 3], clusters: [1] }], { resamples: 10, seed: 1 })).toThrow(RangeError);
  });
});
