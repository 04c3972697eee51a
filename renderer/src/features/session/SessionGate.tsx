import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rater, SessionInfo } from '../../../../shared/domain/entities';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { MeetingDeviceApp } from '../meeting-device/MeetingDeviceApp';
import { ChangePinForm } from './ChangePinForm';
import { LockScreen } from './LockScreen';
import { RaterPicker } from './RaterPicker';
import { SessionContext } from './session-context';
import { useInactivityLock } from './use-inactivity-lock';

/** Nothing of a family is shown before someone has said who they are and proved it with a PIN. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useApiQuery('session.get', {});
  const signedIn = session.data?.rater ?? null;
  const [pinSet, setPinSet] = useState(false);
  // Someone else signing in starts on the home page, not on the page the previous person left open.
  const lastRaterId = useRef<number | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    if (lastRaterId.current !== null && lastRaterId.current !== signedIn.id) window.location.hash = '#/';
    lastRaterId.current = signedIn.id;
  }, [signedIn]);
  useEffect(() => {
    if (session.data) document.getElementById('root')?.setAttribute('data-app-state', 'ready');
  }, [session.data]);
  useEffect(() => {
    // Locked or signed out: drop every cached answer so no family data lingers in memory.
    if (session.data && !signedIn) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session.get' && query.queryKey[0] !== 'raters.list' });
  }, [queryClient, session.data, signedIn]);

  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <p role="status">{t('app.loading')}</p>;
  const info: SessionInfo = session.data;
  // A phone or laptop that reached the intervisie over the network gets the score card, never the workstation.
  if (info.meeting) return <MeetingDeviceApp info={info} />;
  if (!info.rater) {
    return info.lockedProfile ? <LockScreen profile={info.lockedProfile} /> : <RaterPicker needsFirstRater={info.needsFirstRater} />;
  }
  if (info.mustChangePin) return <MustChangePin rater={info.rater} lockAfterMinutes={info.lockAfterMinutes} onChanged={() => setPinSet(true)} />;
  return (
    <SessionContext.Provider value={{ ...info, rater: info.rater }}>
      <InactivityLock minutes={info.lockAfterMinutes} />
      {pinSet && (
        <p role="status" className="pin-set-notice">
          {t('session.ownPinSet')}{' '}
          <button type="button" className="link-button" onClick={() => setPinSet(false)}>
            {t('session.dismiss')}
          </button>
        </p>
      )}
      {children}
    </SessionContext.Provider>
  );
}

function InactivityLock({ minutes }: { minutes: number }) {
  useInactivityLock(minutes);
  return null;
}

function MustChangePin({ rater, lockAfterMinutes, onChanged }: { rater: Rater; lockAfterMinutes: number; onChanged: () => void }) {
  const { t } = useTranslation();
  useInactivityLock(lockAfterMinutes);
  return (
    <main className="picker" id="main">
      <h1>{t('session.mustChangeTitle')}</h1>
      <p>{t('session.mustChangeIntro')}</p>
      <ChangePinForm role={rater.role} firstChange onChanged={onChanged} />
    </main>
  );
}
