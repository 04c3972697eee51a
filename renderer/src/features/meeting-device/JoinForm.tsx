import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingJoinInfo } from '../../../../shared/domain/meeting-live';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PinField } from '../session/PinField';

/** The QR code opens `#/join/K7P4QX`; typed by hand the code may come with a dash or spaces. */
function codeFromAddress(): string {
  const match = /^#\/join\/([0-9A-Za-z-]{1,12})$/.exec(window.location.hash);
  return match ? match[1]!.toUpperCase() : '';
}

function guessDevice(): 'phone' | 'tablet' | 'laptop' {
  const agent = navigator.userAgent;
  if (/iPad|Tablet/i.test(agent)) return 'tablet';
  if (/Mobi|Android|iPhone/i.test(agent)) return 'phone';
  return 'laptop';
}

/** Step one: the code from the projector; step two: who you are, your own PIN, and a name for this device. */
export function JoinForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState(codeFromAddress);
  const [found, setFound] = useState<MeetingJoinInfo | null>(null);
  const lookUp = useApiMutation('meeting.joinInfo');
  const codeId = useId();

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    lookUp.mutate({ joinCode: code }, { onSuccess: setFound });
  };

  if (found) return <WhoAreYou code={code} info={found} onBack={() => setFound(null)} />;
  return (
    <section aria-labelledby="join-title" className="card">
      <h1 id="join-title">{t('meetingDevice.joinTitle')}</h1>
      <p>{t('meetingDevice.joinIntro')}</p>
      <form onSubmit={submitCode} aria-label={t('meetingDevice.joinTitle')}>
        <div className="field">
          <label htmlFor={codeId}>{t('meetingDevice.code')}</label>
          <input
            id={codeId}
            className="join-code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            required
            // The form has one purpose; a phone user should be able to type at once.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus={code === ''}
            aria-invalid={lookUp.error ? true : undefined}
          />
        </div>
        <button type="submit" className="primary" disabled={lookUp.isPending || code.trim() === ''}>
          {t('meetingDevice.next')}
        </button>
      </form>
      <ErrorMessage error={lookUp.error} />
    </section>
  );
}

function WhoAreYou({ code, info, onBack }: { code: string; info: MeetingJoinInfo; onBack: () => void }) {
  const { t } = useTranslation();
  const [raterId, setRaterId] = useState<number | null>(info.raters.length === 1 ? info.raters[0]!.id : null);
  const [pin, setPin] = useState('');
  const [deviceLabel, setDeviceLabel] = useState(() => t(`meetingDevice.devices.${guessDevice()}`));
  const join = useApiMutation('meeting.join');
  const labelId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (raterId === null) return;
    // The PIN leaves the field either way: a wrong one should be typed again, not edited.
    join.mutate({ joinCode: code, raterId, pin, deviceLabel }, { onSettled: () => setPin('') });
  };

  return (
    <section aria-labelledby="join-who" className="card">
      <p className="help">{t('meetingDevice.heading', { name: info.roundName })}</p>
      <h1 id="join-who">{t('meetingDevice.whoAreYou')}</h1>
      <form onSubmit={submit} aria-label={t('meetingDevice.join')}>
        <fieldset className="device-raters">
          <legend>{t('meetingDevice.whoAreYou')}</legend>
          {info.raters.map((rater) => (
            <label key={rater.id} className="device-rater">
              <input type="radio" name="rater" value={rater.id} checked={raterId === rater.id} onChange={() => setRaterId(rater.id)} required />
              <span className="initials" aria-hidden="true">
                {rater.initials}
              </span>
              {rater.name}
            </label>
          ))}
        </fieldset>
        <PinField label={t('meetingDevice.pin')} value={pin} onChange={setPin} error={join.error?.message} />
        <div className="field">
          <label htmlFor={labelId}>{t('meetingDevice.deviceLabel')}</label>
          <input id={labelId} value={deviceLabel} onChange={(e) => setDeviceLabel(e.target.value)} maxLength={40} required aria-describedby={`${labelId}-help`} />
          <small id={`${labelId}-help`} className="help">
            {t('meetingDevice.deviceLabelHelp')}
          </small>
        </div>
        <button type="submit" className="primary" disabled={join.isPending || raterId === null || pin.length === 0 || deviceLabel.trim() === ''}>
          {t('meetingDevice.join')}
        </button>
        <button type="button" className="link-button" onClick={onBack}>
          {t('meetingDevice.otherCode')}
        </button>
      </form>
      <ErrorMessage error={join.error} />
    </section>
  );
}
