import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value as object, `${prefix}${key}.`),
  );
}

// A number in brackets, before "van"/"of" or a participle reads the same for 1 and for 5
// ("Opnamen (1)", "2 van 3", "1 gekozen").
const NEUTRAL_COUNT = /^\{\{count\}\} (gekozen|chosen)$|\(\{\{count\}\}\)|\{\{count\}\} (van|of|tegen|against)\b|\(gem\. van \{\{count\}\}\)|\(mean of \{\{count\}\}\)/;

describe.each([
  ['nl', nl],
  ['en', en],
] as const)('%s dictionary', (language, dictionary) => {
  it('puts every counted noun in a plural pair, never "(n)" or "(s)"', () => {
    const offenders = leaves(dictionary).filter(
      ([key, text]) => text.includes('{{count}}') && !/_(one|other)$/.test(key) && !NEUTRAL_COUNT.test(text),
    );
    expect(offenders).toEqual([]);
    expect(leaves(dictionary).filter(([, text]) => /\w\((n|s|en)\)/.test(text))).toEqual([]);
  });

  it('has both forms wherever it has one', () => {
    const keys = new Set(leaves(dictionary).map(([key]) => key));
    for (const key of keys) {
      if (key.endsWith('_one')) expect(keys, `${language}: ${key}`).toContain(key.replace(/_one$/, '_other'));
      if (key.endsWith('_other')) expect(keys, `${language}: ${key}`).toContain(key.replace(/_other$/, '_one'));
    }
  });
});

describe('plurals through i18next', () => {
  it('says "1 gezin" and "3 gezinnen", "1 family" and "3 families"', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { nl: { translation: nl }, en: { translation: en } }, lng: 'nl', interpolation: { escapeValue: false }, showSupportNotice: false });
    expect(i18n.t('trends.team.familyCount', { count: 1 })).toBe('1 gezin binnen de filters.');
    expect(i18n.t('trends.team.familyCount', { count: 3 })).toBe('3 gezinnen binnen de filters.');
    expect(i18n.t('counts.recordings', { count: 1 })).toBe('1 opname');
    expect(i18n.t('scoring.meeting.itemsN', { items: i18n.t('counts.parts', { count: 1 }), raters: i18n.t('counts.raters', { count: 4 }) })).toBe('1 onderdeel, 4 beoordelaars');
    await i18n.changeLanguage('en');
    expect(i18n.t('trends.team.familyCount', { count: 1 })).toBe('1 family within the filters.');
    expect(i18n.t('counts.files', { count: 2 })).toBe('2 files');
  });
});
