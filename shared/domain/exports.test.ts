import { describe, expect, it } from 'vitest';
import { exportFileName, exportLanguageOf } from './exports';

describe('exportFileName', () => {
  it('names the two CSV dialects apart, and a family by its code', () => {
    expect(exportFileName({ subject: 'scores', date: '2026-12-03', dialect: 'comma', extension: 'csv' })).toBe('afstemming-scores-2026-12-03.csv');
    expect(exportFileName({ subject: 'scores', date: '2026-12-03', dialect: 'semicolon', extension: 'csv' })).toBe('afstemming-scores-2026-12-03-excel-nl.csv');
    expect(exportFileName({ subject: 'scores', scope: 'GZ-0142', date: '2026-12-03', dialect: 'semicolon', extension: 'csv' })).toBe('afstemming-scores-GZ-0142-2026-12-03-excel-nl.csv');
    expect(exportFileName({ subject: 'rapport', scope: 'GZ-0142', date: '2026-12-03', extension: 'pdf' })).toBe('afstemming-rapport-GZ-0142-2026-12-03.pdf');
  });

  it('keeps anything but letters, digits and dashes out of a name', () => {
    expect(exportFileName({ subject: 'scores', scope: '../a b', date: '2026-12-03', extension: 'xlsx' })).toBe('afstemming-scores-a-b-2026-12-03.xlsx');
  });
});

describe('exportLanguageOf', () => {
  it('is English only for an English UI', () => {
    expect(exportLanguageOf('en')).toBe('en');
    expect(exportLanguageOf('en-GB')).toBe('en');
    expect(exportLanguageOf('nl')).toBe('nl');
    expect(exportLanguageOf(undefined)).toBe('nl');
  });
});
