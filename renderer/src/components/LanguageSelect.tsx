import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n';

/** Dutch first, English switchable: the same choice in the workstation's bar and on a phone. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {language === 'nl' ? 'Nederlands' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
