import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { followUiLanguage } from '../../../shared/api/envelope';
import { en } from './en';
import { nl } from './nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'afstemming.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

void i18next.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

document.documentElement.lang = i18next.language;
// Refusals from the back end carry Dutch and English; every ApiError's message follows the UI.
followUiLanguage(() => i18next.language);
export { i18next };
