import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { WORDS_MAX, type FeedbackSession, type SessionItem } from '../../../../shared/domain/feedback-sessions';
import { useApi } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';

/** A moment (start = end) plays this long around it, like its clip in the exports. */
const MOMENT_MS = 3000;

/** The span the player shows, in seconds. */
function spanOf(item: Pick<SessionItem, 'startMs' | 'endMs'>): { from: number; to: number } {
  if (item.endMs > item.startMs) return { from: item.startMs / 1000, to: item.endMs / 1000 };
  const from = Math.max(0, item.startMs - MOMENT_MS / 2);
  return { from: from / 1000, to: (from + MOMENT_MS) / 1000 };
}

/** Keys typed into a text field belong to the text, not to the session's navigation. */
const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The session with the parents: one fragment at a time, full screen, for the parents' eyes. It
 * shows only the caption written for them, the questions and their own words: no family code,
 * tag names, rater, timecode or file name, and a video without the browser's controls (they show
 * the time in the recording).
 */
export function FeedbackSessionMode({ session, onClose }: { session: FeedbackSession; onClose: () => void }) {
  const { t } = useTranslation();
  const overlay = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [index, setIndex] = useState(0);
  const total = session.items.length;
  const current = Math.min(index, total - 1);
  const item = session.items[current];

  // The caller's onClose changes with every render of the preparation (a save refetches it); the
  // effects below must run once per session, or each save would leave and re-enter full screen
  // and take the focus from the field being typed in.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  const previous = useCallback(() => setIndex((i) => Math.max(0, Math.min(i, total - 1) - 1)), [total]);
  const next = useCallback(() => setIndex((i) => Math.min(total - 1, i + 1)), [total]);

  // Full screen where the browser allows it; otherwise the overlay fills the window all the same.
  useEffect(() => {
    const element = overlay.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The app behind the overlay (names, codes, tags) can be neither reached with Tab nor read out.
    const app = document.getElementById('root');
    app?.setAttribute('inert', '');
    element?.focus();
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement === element) entered = true;
      // Esc in full screen is taken by the browser to leave it: that leaves the session too.
      else if (entered) closeRef.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    element?.requestFullscreen?.().catch(() => undefined);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => undefined);
      app?.removeAttribute('inert');
      opener?.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        closeRef.current();
      } else if (!isTyping(event.target) && event.key === 'ArrowLeft') {
        event.preventDefault();
        previous();
      } else if (!isTyping(event.target) && event.key === 'ArrowRight') {
        event.preventDefault();
        next();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [previous, next]);

  return createPortal(
    <div ref={overlay} className="feedback-mode" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
      <header className="feedback-mode-bar">
        <h2 id={titleId} className="visually-hidden">
          {t('feedbackSession.mode.label')}
        </h2>
        <p className="feedback-mode-position" aria-live="polite">
          {item ? t('feedbackSession.mode.position', { n: current + 1, total }) : t('feedbackSession.mode.empty')}
        </p>
        <p className="feedback-mode-keys">{t('feedbackSession.mode.keys')}</p>
        <button type="button" onClick={onClose}>
          {t('feedbackSession.mode.close')}
        </button>
      </header>
      {item ? <SessionFragment key={item.id} item={item} n={current + 1} questions={session.questions} /> : null}
      <nav className="feedback-mode-nav" aria-label={t('feedbackSession.mode.label')}>
        <button type="button" disabled={current <= 0} onClick={previous}>
          <span aria-hidden="true">← </span>
          {t('feedbackSession.mode.previous')}
        </button>
        <button type="button" className="primary" disabled={current >= total - 1} onClick={next}>
          {t('feedbackSession.mode.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </nav>
    </div>,
    document.body,
  );
}

function SessionFragment({ item, n, questions }: { item: SessionItem; n: number; questions: FeedbackSession['questions'] }) {
  const { t } = useTranslation();
  const api = useApi();
  const video = useRef<HTMLVideoElement>(null);
  const captionId = useId();
  const [playing, setPlaying] = useState(false);
  const [loop, setLoop] = useState(false);
  const span = spanOf(item);

  const playFromStart = () => {
    const element = video.current;
    if (!element) return;
    element.currentTime = span.from;
    void element.play().catch(() => setPlaying(false));
  };

  // Only the fragment's span: at its end the video stops (or starts over when repeating).
  const onTime = () => {
    const element = video.current;
    if (!element || element.currentTime < span.to) return;
    if (loop) {
      element.currentTime = span.from;
    } else {
      element.pause();
      element.currentTime = span.to;
    }
  };

  return (
    <div className="feedback-mode-body">
      <div className="feedback-mode-stage">
        {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a home recording has no subtitles; what it shows is told by the caption below (aria-describedby) */}
        <video
          ref={video}
          className="feedback-mode-video"
          src={`/media/${item.recordingId}?v=${encodeURIComponent(item.mediaVersion)}`}
          preload="auto"
          playsInline
          aria-label={t('feedbackSession.mode.video', { n })}
          aria-describedby={captionId}
          onLoadedMetadata={(e) => {
            e.currentTarget.currentTime = span.from;
          }}
          onTimeUpdate={onTime}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
        />
        <div className="button-row feedback-mode-controls">
          <button
            type="button"
            className="primary"
            onClick={() => {
              const element = video.current;
              if (!element) return;
              if (playing) element.pause();
              else if (element.currentTime >= span.to || element.currentTime < span.from) playFromStart();
              else void element.play().catch(() => setPlaying(false));
            }}
          >
            {playing ? t('feedbackSession.mode.pause') : t('feedbackSession.mode.play')}
          </button>
          <button type="button" onClick={playFromStart}>
            {t('feedbackSession.mode.again')}
          </button>
          <label className="feedback-mode-loop">
            <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} /> {t('feedbackSession.mode.loop')}
          </label>
        </div>
        <p id={captionId} className="feedback-mode-caption">
          {item.caption}
        </p>
      </div>
      <section className="feedback-mode-questions" aria-label={t('feedbackSession.mode.questions')}>
        <h3>{t('feedbackSession.mode.questions')}</h3>
        <p className="help">{t('feedbackSession.mode.wordsHelp')}</p>
        {questions.map((question) => (
          <AutosaveField
            key={question.id}
            label={question.text}
            type="textarea"
            maxLength={WORDS_MAX}
            value={item.words.find((w) => w.questionId === question.id)?.words ?? ''}
            onSave={(words) => api.call('feedbackSessions.saveWords', { itemId: item.id, questionId: question.id, words })}
          />
        ))}
      </section>
    </div>
  );
}
