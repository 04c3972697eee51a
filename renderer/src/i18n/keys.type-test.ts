import i18next from 'i18next';

// Compile-time only (never run): the i18n keys are typed against the Dutch dictionary.
export function typedKeys(): string[] {
  return [
    i18next.t('app.name'),
    i18next.t('fragmentsUi.count', { count: 2 }),
    // @ts-expect-error a misspelt key fails the type-check
    i18next.t('app.nmae'),
    // @ts-expect-error so does a key that exists in no dictionary
    i18next.t('families.nonexistentKey'),
  ];
}
