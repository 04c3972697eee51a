import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rater } from '../../../../shared/domain/entities';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PinField } from './PinField';

/** Asks one profile's PIN; used by the lock screen and after picking a name from the list. */
export function SignInForm({ rater, hasPin = true }: { rater: Rater; hasPin?: boolean }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const signIn = useApiMutation('session.selectRater');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The PIN leaves the field either way: a wrong one should be typed again, not edited.
    signIn.mutate({ raterId: rater.id, pin }, { onSettled: () => setPin('') });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('session.signIn')}>
      <PinField
        label={t('session.pinFor', { name: rater.name })}
        value={pin}
        onChange={setPin}
        autoFocus
        error={signIn.error?.message}
        {...(hasPin ? {} : { help: t('session.firstPinHint') })}
      />
      <button type="submit" disabled={signIn.isPending || pin.length === 0}>
        {t('session.signIn')}
      </button>
      <ErrorMessage error={signIn.error} />
    </form>
  );
}
