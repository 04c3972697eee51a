import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveMeetingInfo, MeetingDevice, MeetingSetup } from '../../../../shared/domain/meeting-live';
import type { RoundDetail } from '../../../../shared/domain/scoring';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../scoring/labels';
import { CertificateSettings } from './CertificateSettings';
import { JoinQrCode } from './JoinQrCode';
import './meeting-live.css';

/**
 * "Intervisie op dit netwerk" for the coordinator: choose the room's address, start, show the QR
 * code, the join code and the certificate's fingerprint, admit or refuse devices, stop.
 */
export function LiveMeetingPanel({ round, setup }: { round: RoundDetail; setup: MeetingSetup }) {
  const { t } = useTranslation();
  const live = setup.live;
  return (
    <section aria-labelledby="live-meeting-title" className="card live-meeting no-print">
      <h2 id="live-meeting-title">{t('meetingLive.title')}</h2>
      {live === null ? (
        <StartMeeting round={round} setup={setup} />
      ) : live.roundId !== round.id ? (
        <OtherMeeting live={live} />
      ) : (
        <RunningMeeting live={live} />
      )}
    </section>
  );
}

function StartMeeting({ round, setup }: { round: RoundDetail; setup: MeetingSetup }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState(setup.addresses.length === 1 ? setup.addresses[0]!.address : '');
  const start = useApiMutation('meeting.start');
  const stop = useApiMutation('meeting.stop');
  return (
    <>
      <p>{t('meetingLive.intro')}</p>
      {stop.isSuccess && <p role="status">{t('meetingLive.stopped')}</p>}
      {setup.addresses.length === 0 ? (
        <p role="status">{t('meetingLive.noAddresses')}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            start.mutate({ roundId: round.id, address });
          }}
          aria-label={t('meetingLive.start')}
        >
          <fieldset>
            <legend>{t('meetingLive.address')}</legend>
            {setup.addresses.map((entry) => (
              <label key={entry.address} className="checkbox-inline">
                <input type="radio" name="meeting-address" value={entry.address} checked={address === entry.address} onChange={() => setAddress(entry.address)} required />
                {entry.address} ({entry.interfaceName})
              </label>
            ))}
            <p className="help">{t('meetingLive.addressHelp')}</p>
          </fieldset>
          <button type="submit" className="primary" disabled={start.isPending || address === ''}>
            {t('meetingLive.start')}
          </button>
        </form>
      )}
      <ErrorMessage error={start.error} />
      <CertificateSettings setup={setup} />
    </>
  );
}

function OtherMeeting({ live }: { live: LiveMeetingInfo }) {
  const { t } = useTranslation();
  const stop = useApiMutation('meeting.stop');
  return (
    <>
      <p role="status">{t('meetingLive.otherRunning', { name: live.roundName })}</p>
      <button type="button" className="danger" onClick={() => stop.mutate({})} disabled={stop.isPending}>
        {t('meetingLive.stop')}
      </button>
      <ErrorMessage error={stop.error} />
    </>
  );
}

function RunningMeeting({ live }: { live: LiveMeetingInfo }) {
  const { t, i18n } = useTranslation();
  const stop = useApiMutation('meeting.stop');
  const [shown, setShown] = useState<boolean | null>(null);
  const joinPage = `${live.origin}/`;
  const waiting = live.devices.some((device) => device.state === 'waiting');
  // Once everyone is in, the clip needs the screen: the QR code folds away, and comes back for a latecomer.
  const open = waiting || (shown ?? live.devices.length === 0);
  const taking = live.devices.filter((device) => device.state !== 'waiting').length;
  return (
    <>
      <div className="live-summary">
        <span>{t('meetingLive.summary', { code: live.joinCode, admitted: taking, total: live.devices.length })}</span>
        <button type="button" aria-expanded={open} aria-controls="live-meeting-details" onClick={() => setShown(!open)} disabled={waiting}>
          {open ? t('meetingLive.hideDetails') : t('meetingLive.showDetails')}
        </button>
        <button type="button" className="danger" onClick={() => stop.mutate({})} disabled={stop.isPending}>
          {t('meetingLive.stop')}
        </button>
      </div>
      <ErrorMessage error={stop.error} />
      {open && (
        <div id="live-meeting-details">
          <div className="live-join">
            <JoinQrCode url={live.joinUrl} label={t('meetingLive.qr', { url: live.joinUrl })} />
            <div className="live-join-text">
              <h3>{t('meetingLive.joinTitle')}</h3>
              <p>{t('meetingLive.joinHowTo', { url: joinPage })}</p>
              <p className="join-code" aria-label={t('meetingLive.code')}>
                {live.joinCode}
              </p>
              <p className="help">{t('meetingLive.running', { origin: live.origin, until: formatDateTime(live.endsAt, i18n.language) })}</p>
              <p className="fingerprint">
                <span className="help">
                  {live.certificate.source === 'organisation'
                    ? t('meetingLive.organisationCertificate', { subject: live.certificate.subject })
                    : t('meetingLive.fingerprint')}
                </span>
                <br />
                <code aria-label={t('meetingLive.fingerprint')}>{live.certificate.fingerprint}</code>
              </p>
              {live.certificate.source === 'self_signed' && <p className="help">{t('meetingLive.fingerprintHelp')}</p>}
            </div>
          </div>
          <DeviceTable devices={live.devices} />
        </div>
      )}
    </>
  );
}

function DeviceTable({ devices }: { devices: MeetingDevice[] }) {
  const { t } = useTranslation();
  const admit = useApiMutation('meeting.admit');
  const refuse = useApiMutation('meeting.refuse');
  if (devices.length === 0) return <p className="help">{t('meetingLive.noDevices')}</p>;
  return (
    <>
      <table className="table live-devices">
        <caption>{t('meetingLive.devices')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetingLive.raterColumn')}</th>
            <th scope="col">{t('meetingLive.deviceColumn')}</th>
            <th scope="col">{t('meetingLive.stateColumn')}</th>
            <th scope="col">{t('meetingLive.actionsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => {
            const names = { name: device.raterName, device: device.label };
            return (
              <tr key={device.key}>
                <th scope="row">{device.raterName}</th>
                <td>
                  {device.label}
                  {device.address && <small className="help"> ({device.address})</small>}
                </td>
                <td className={`device-state device-state--${device.state}`}>{t(`meetingLive.states.${device.state}`)}</td>
                <td>
                  {device.state === 'waiting' ? (
                    <>
                      <button type="button" className="primary" aria-label={t('meetingLive.admitLabel', names)} onClick={() => admit.mutate({ deviceKey: device.key })}>
                        {t('meetingLive.admit')}
                      </button>{' '}
                      <button type="button" aria-label={t('meetingLive.refuseLabel', names)} onClick={() => refuse.mutate({ deviceKey: device.key })}>
                        {t('meetingLive.refuse')}
                      </button>
                    </>
                  ) : (
                    <button type="button" aria-label={t('meetingLive.removeLabel', names)} onClick={() => refuse.mutate({ deviceKey: device.key })}>
                      {t('meetingLive.remove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorMessage error={admit.error ?? refuse.error} />
    </>
  );
}
