import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RaterRole } from '../../../../shared/domain/vocabulary';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PinField } from './PinField';

/**
 * Replaces the signed-in rater's own PIN; asks the current one so an unattended screen is not
 * enough, except right after signing in with a start PIN (`firstChange`): that was typed a moment ago.
 */
export function ChangePinForm({ role, firstChange = false, onChanged }: { role: RaterRole; firstChange?: boolean; onChanged?: () => void }) {
  const { t } = useTranslation();
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useApiMutation('session.changePin');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPin !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      firstChange ? { newPin } : { currentPin, newPin },
      {
        onSuccess: () => {
          setCurrentPin('');
          setNewPin('');
          setRepeat('');
          onChanged?.();
        },
        onError: () => setCurrentPin(''),
      },
    );
  };

  return (
    <form className="stack-form" onSubmit={submit} aria-label={t('session.changePin')}>
      {!firstChange && <PinField label={t('session.currentPin')} value={currentPin} onChange={setCurrentPin} />}
      <PinField
        label={t('session.newPin')}
        value={newPin}
        onChange={setNewPin}
        autoFocus={firstChange}
        help={role === 'coordinator' ? t('session.coordinatorRule') : t('session.raterRule')}
      />
      <PinField label={t('session.repeatPin')} value={repeat} onChange={setRepeat} error={mismatch ? t('session.pinsDiffer') : undefined} />
      <button type="submit" disabled={change.isPending}>
        {t('session.savePin')}
      </button>
      {mismatch && (
        <p className="error" role="alert">
          {t('session.pinsDiffer')}
        </p>
      )}
      <ErrorMessage error={change.error} />
      {change.isSuccess && <p role="status">{t('session.pinChanged')}</p>}
    </form>
  );
}
