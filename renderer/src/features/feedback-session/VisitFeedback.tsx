import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPTION_MAX, type SessionCandidate } from '../../../../shared/domain/feedback-sessions';
import type { Visit } from '../../../../shared/domain/entities';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { JobProgress } from '../media-jobs/JobProgress';
import { useLiveJobs } from '../media-jobs/use-live-jobs';
import { FeedbackSessionMode } from './FeedbackSessionMode';

/** m:ss in the begeleider's own preparation list (never in session mode). */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** How the begeleider recognises a fragment while preparing: date, activity, time, tags, who marked it. */
function useDescribe() {
  const { t } = useTranslation();
  return (c: SessionCandidate) => {
    const time = c.endMs > c.startMs ? `${clock(c.startMs)}–${clock(c.endMs)}` : clock(c.startMs);
    const tags = c.tagNames.length ? ` · ${c.tagNames.join(', ')}` : '';
    const star = c.forFeedback ? `★ ${t('feedbackSession.forFeedback')} · ` : '';
    return `${star}${c.recordedOn} ${t(`activities.${c.activity}`)} ${time}${tags} (${c.raterInitials})`;
  };
}

/** A visit's video feedback: a toggle on the visit's row, opening the preparation below it. */
export function VisitFeedback({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="visit-feedback">
      <button type="button" className="small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        {open ? t('feedbackSession.hidePrepare') : t('feedbackSession.prepare')}
      </button>
      <div id={panelId}>{open ? <FeedbackPreparation visit={visit} /> : null}</div>
    </div>
  );
}

function FeedbackPreparation({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const queryClient = useQueryClient();
  const describe = useDescribe();
  const session = useApiQuery('feedbackSessions.get', { visitId: visit.id });
  const candidates = useApiQuery('feedbackSessions.candidates', { visitId: visit.id });
  const add = useApiMutation('feedbackSessions.addItem');
  const move = useApiMutation('feedbackSessions.moveItem');
  const remove = useApiMutation('feedbackSessions.removeItem');
  const film = useApiMutation('feedbackSessions.makeFilm');
  const [fragmentId, setFragmentId] = useState('');
  const [caption, setCaption] = useState('');
  const [playing, setPlaying] = useState(false);

  const byFragment = useMemo(() => new Map((candidates.data ?? []).map((c) => [c.fragmentId, c])), [candidates.data]);
  const open = (candidates.data ?? []).filter((c) => !c.chosen);
  const jobs = useLiveJobs(session.data?.films.map((f) => f.job));
  const liveById = useMemo(() => new Map(jobs.map((job) => [job.id, job])), [jobs]);
  const films = (session.data?.films ?? []).map((f) => ({ ...f, job: liveById.get(f.job.id) ?? f.job }));
  // A film that has just finished: fetch the session again for its download link.
  const finishedWithoutLink = films.some((f) => f.job.status === 'done' && f.downloadUrl === null);
  useEffect(() => {
    if (finishedWithoutLink) void queryClient.invalidateQueries({ queryKey: ['feedbackSessions.get', { visitId: visit.id }] });
  }, [finishedWithoutLink, queryClient, visit.id]);

  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <p role="status">{t('app.loading')}</p>;
  const s = session.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fragmentId) return;
    add.mutate(
      { visitId: visit.id, fragmentId: Number(fragmentId), caption },
      {
        onSuccess: () => {
          clearIfUnchanged(setFragmentId, fragmentId, '');
          clearIfUnchanged(setCaption, caption, '');
        },
      },
    );
  };

  return (
    <section className="feedback-prepare" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('feedbackSession.title', { date: visit.date })}</h3>
      <p className="help">{t('feedbackSession.intro')}</p>
      <h4 id={`${id}-chosen`}>{t('feedbackSession.chosen')}</h4>
      {s.items.length === 0 ? <p>{t('feedbackSession.none')}</p> : null}
      <ol className="feedback-items" aria-labelledby={`${id}-chosen`}>
        {s.items.map((item, index) => {
          const n = index + 1;
          const candidate = byFragment.get(item.fragmentId);
          return (
            <li key={item.id} className="feedback-item">
              <AutosaveField
                label={t('feedbackSession.captionOf', { n })}
                value={item.caption}
                maxLength={CAPTION_MAX}
                help={candidate ? describe(candidate) : undefined}
                onSave={(next) => api.call('feedbackSessions.updateCaption', { itemId: item.id, caption: next })}
              />
              <div className="button-row">
                <button type="button" className="small" disabled={index === 0 || move.isPending} onClick={() => move.mutate({ itemId: item.id, direction: 'up' })}>
                  <span aria-hidden="true">↑ </span>
                  {t('feedbackSession.moveUp', { n })}
                </button>
                <button
                  type="button"
                  className="small"
                  disabled={index === s.items.length - 1 || move.isPending}
                  onClick={() => move.mutate({ itemId: item.id, direction: 'down' })}
                >
                  <span aria-hidden="true">↓ </span>
                  {t('feedbackSession.moveDown', { n })}
                </button>
                <button type="button" className="link-button" onClick={() => remove.mutate({ itemId: item.id })}>
                  {t('feedbackSession.remove', { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {s.hiddenCount > 0 ? <p className="help">{t('feedbackSession.hidden', { count: s.hiddenCount })}</p> : null}

      <form className="feedback-add" onSubmit={submit} aria-labelledby={`${id}-add`}>
        <h4 id={`${id}-add`}>{t('feedbackSession.addTitle')}</h4>
        {candidates.data && open.length === 0 ? (
          <p className="help">{t(candidates.data.length === 0 ? 'feedbackSession.noCandidates' : 'feedbackSession.allChosen')}</p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-fragment`}>{t('feedbackSession.fragment')}</label>
          <select id={`${id}-fragment`} value={fragmentId} onChange={(e) => setFragmentId(e.target.value)}>
            <option value="">{t('feedbackSession.chooseFragment')}</option>
            {open.map((c) => (
              <option key={c.fragmentId} value={String(c.fragmentId)}>
                {describe(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-caption`}>{t('feedbackSession.caption')}</label>
          <input id={`${id}-caption`} value={caption} maxLength={CAPTION_MAX} aria-describedby={`${id}-caption-help`} onChange={(e) => setCaption(e.target.value)} />
          <small id={`${id}-caption-help`} className="help">
            {t('feedbackSession.captionHelp')}
          </small>
        </div>
        <button type="submit" disabled={add.isPending || !fragmentId}>
          {t('feedbackSession.add')}
        </button>
      </form>
      <ErrorMessage error={add.error ?? move.error ?? remove.error ?? candidates.error} />

      <div className="button-row feedback-actions">
        <button type="button" className="primary" disabled={s.items.length === 0} onClick={() => setPlaying(true)}>
          {t('feedbackSession.start')}
        </button>
        <button type="button" disabled={s.items.length === 0 || film.isPending} onClick={() => film.mutate({ visitId: visit.id })}>
          {t('feedbackSession.makeFilm')}
        </button>
      </div>
      <p className="help">{t('feedbackSession.filmHelp')}</p>
      <ErrorMessage error={film.error} />
      {films.length > 0 ? (
        <ul className="plain-list video-export-list" aria-label={t('feedbackSession.films')}>
          {films.map((f) => (
            <li key={f.job.id}>
              <JobProgress job={f.job} />
              {f.job.status === 'done' && f.downloadUrl ? (
                <a className="button small" href={f.downloadUrl} download={f.fileName}>
                  {t('feedbackSession.downloadFilm', { file: f.fileName })}
                </a>
              ) : (
                <span className="help">{f.fileName}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {playing ? <FeedbackSessionMode session={s} onClose={() => setPlaying(false)} /> : null}
    </section>
  );
}
