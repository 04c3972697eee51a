import { useTranslation } from 'react-i18next';

/** Shows an API refusal in the user's words; never a stack trace. */
export function ErrorMessage({ error }: { error: { message: string } | null | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {t('common.error', { message: error.message })}
    </p>
  );
}
