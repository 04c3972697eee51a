import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/envelope';

/**
 * Shows an API refusal in the user's words and language; never a stack trace. A refusal is a
 * clear sentence of its own ("Vul een gezinscode in."), so it is shown as it is: only an
 * unexpected failure gets the generic "Er ging iets mis: …" in front.
 */
export function ErrorMessage({ error }: { error: { message: string } | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const refusal = error instanceof ApiError && error.code !== 'internal';
  const message = error instanceof ApiError ? error.messageIn(i18n.language) : error.message;
  return (
    <p className="error" role="alert">
      {refusal ? message : t('common.error', { message })}
    </p>
  );
}
