import { describe, expect, it } from 'vitest';
import { EXPORT_HEADERS, SHEET_NAMES, variableName } from './export-headers';

describe('the export header table', () => {
  it('gives every column a variable name that SPSS and R take, unique per language', () => {
    for (const language of ['nl', 'en'] as const) {
      const names = Object.values(EXPORT_HEADERS).map((labels) => variableName(labels[language]));
      for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(new Set(names).size).toBe(names.length);
      const sheets = Object.values(SHEET_NAMES).map((labels) => labels[language]);
      expect(new Set(sheets).size).toBe(sheets.length);
    }
    expect(variableName('Leeftijd baby (maanden)')).toBe('leeftijd_baby_maanden');
    expect(variableName('Coöperatie')).toBe('cooperatie');
  });
});
