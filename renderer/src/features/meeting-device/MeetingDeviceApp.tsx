import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionInfo } from '../../../../shared/domain/entities';
import type { MeetingAgendaItem } from '../../../../shared/domain/meeting-live';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LanguageSelect } from '../../components/LanguageSelect';
import { ScoreCard } from '../scoring/ScoreCard';
import { PinField } from '../session/PinField';
import { useInactivityLock } from '../session/use-inactivity-lock';
import { DeviceResults } from './DeviceResults';
import { JoinForm } from './JoinForm';
import './meeting-device.css';

/** How often a device checks that the meeting still runs when no event arrives (the listener may be gone). */
const ALIVE_CHECK_MS = 20_000;

/**
 * A phone or laptop in the intervisie: join with the code and one's own PIN, wait to be admitted,
 * then only this round's score cards, blind until the reveal. Never the library, never video.
 */
export function MeetingDeviceApp({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const meeting = info.meeting!;
  useMeetingEvents();

  return (
    <div className="device">
      <header className="device-bar">
        <span className="brand">{t('app.name')}</span>
        <LanguageSelect />
      </header>
      <main id="main" className="device-main">
        {meeting.state === 'guest' && <JoinForm />}
        {meeting.state === 'waiting' && <Waiting roundName={meeting.roundName} />}
        {meeting.state === 'locked' && <DeviceUnlock info={info} />}
        {meeting.state === 'admitted' && <DeviceMeeting lockAfterMinutes={info.lockAfterMinutes} />}
      </main>
    </div>
  );
}

/** Admission, the projector's choice, submissions and the reveal arrive as `meeting.changed`. */
function useMeetingEvents(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: ['session.get'] });
      void queryClient.invalidateQueries({ queryKey: ['meeting.device'] });
    };
    const off = api.on('meeting.changed', refresh);
    const timer = window.setInterval(() => void queryClient.invalidateQueries({ queryKey: ['session.get'] }), ALIVE_CHECK_MS);
    return () => {
      off();
      window.clearInterval(timer);
    };
  }, [api, queryClient]);
}

function Waiting({ roundName }: { roundName: string }) {
  const { t } = useTranslation();
  const leave = useApiMutation('session.signOut');
  return (
    <section aria-labelledby="device-waiting" className="card">
      <p className="help">{t('meetingDevice.heading', { name: roundName })}</p>
      <h1 id="device-waiting">{t('meetingDevice.waitingTitle')}</h1>
      <p role="status" className="device-waiting">
        {t('meetingDevice.waiting')}
      </p>
      <button type="button" onClick={() => leave.mutate({})}>
        {t('meetingDevice.cancel')}
      </button>
      <ErrorMessage error={leave.error} />
    </section>
  );
}

function DeviceUnlock({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const unlock = useApiMutation('meeting.unlock');
  const leave = useApiMutation('session.signOut');
  const name = info.lockedProfile?.name ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    unlock.mutate({ pin }, { onSettled: () => setPin('') });
  };
  return (
    <section aria-labelledby="device-locked" className="card">
      <p className="help">{t('meetingDevice.heading', { name: info.meeting!.roundName })}</p>
      <h1 id="device-locked">{t('meetingDevice.lockedTitle')}</h1>
      <p>{t('meetingDevice.locked', { name })}</p>
      <form onSubmit={submit} aria-label={t('meetingDevice.unlock')}>
        <PinField label={t('meetingDevice.pin')} value={pin} onChange={setPin} autoFocus error={unlock.error?.message} />
        <button type="submit" className="primary" disabled={unlock.isPending || pin.length === 0}>
          {t('meetingDevice.unlock')}
        </button>
      </form>
      <ErrorMessage error={unlock.error} />
      <button type="button" className="link-button" onClick={() => leave.mutate({})}>
        {t('meetingDevice.leave')}
      </button>
    </section>
  );
}

function DeviceMeeting({ lockAfterMinutes }: { lockAfterMinutes: number }) {
  const { t } = useTranslation();
  useInactivityLock(lockAfterMinutes);
  const view = useApiQuery('meeting.device', {});
  const leave = useApiMutation('session.signOut');
  const [open, setOpen] = useState<number | null>(null);
  const current = view.data?.currentRecordingId ?? null;
  // When the coordinator puts the next clip on the projector, every device opens its card.
  useEffect(() => {
    if (current !== null) setOpen(current);
  }, [current]);

  if (view.error) return <ErrorMessage error={view.error} />;
  if (!view.data) return <p role="status">{t('app.loading')}</p>;
  const v = view.data;
  const item = v.agenda.find((entry) => entry.recordingId === open) ?? null;

  return (
    <div className="device-meeting">
      <div className="device-head">
        <h1>{t('meetingDevice.heading', { name: v.roundName })}</h1>
        <p>
          {t('meetingDevice.activeAs', { name: v.rater?.name ?? '' })}{' '}
          <button type="button" className="link-button" onClick={() => leave.mutate({})}>
            {t('meetingDevice.leave')}
          </button>
        </p>
      </div>
      {v.revealed ? (
        <DeviceResults items={v.results} />
      ) : item ? (
        <section aria-label={agendaLabel(t, item)} className="device-card">
          <button type="button" className="link-button" onClick={() => setOpen(null)}>
            ← {t('meetingDevice.backToAgenda')}
          </button>
          <h2>
            {agendaLabel(t, item)}
            {item.recordingId === v.currentRecordingId && <span className="badge badge--blind">{t('meetingDevice.onProjector')}</span>}
          </h2>
          <p className="help">{item.caregivers.map((caregiver) => caregiver.label).join(', ')}</p>
          <ScoreCard key={item.recordingId} recordingId={item.recordingId} roundId={v.roundId} caregivers={item.caregivers} fragments={[]} />
        </section>
      ) : (
        <Agenda agenda={v.agenda} current={v.currentRecordingId} onOpen={setOpen} />
      )}
      {!v.revealed && <p className="help">{t('meetingDevice.blind')}</p>}
    </div>
  );
}

function agendaLabel(t: TFunction, item: MeetingAgendaItem): string {
  return `${item.clipCode} · ${t(`scoring.activities.${item.activity}`)}`;
}

function Agenda({ agenda, current, onOpen }: { agenda: MeetingAgendaItem[]; current: number | null; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="device-agenda">
      <h2 id="device-agenda">{t('meetingDevice.agenda')}</h2>
      <ol className="device-agenda">
        {agenda.map((item) => (
          <li key={item.recordingId} className={item.recordingId === current ? 'is-current' : undefined}>
            <button type="button" className="device-agenda-item" onClick={() => onOpen(item.recordingId)} aria-label={t('meetingDevice.open', { recording: agendaLabel(t, item) })}>
              <strong>{agendaLabel(t, item)}</strong>
              {item.recordingId === current && <span className="badge badge--blind">{t('meetingDevice.onProjector')}</span>}
              <span>
                {t(`meetingDevice.myStatus.${item.myStatus}`)} · {t('meetingDevice.progress', { submitted: item.submittedCount, total: item.raterCount })}
              </span>
              {item.submittedBy.length > 0 && (
                <small className="help">{t('meetingDevice.submittedBy', { names: item.submittedBy.map((rater) => rater.name).join(', ') })}</small>
              )}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
