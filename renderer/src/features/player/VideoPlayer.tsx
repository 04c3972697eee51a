import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './videojs-csp';
import videojs from 'video.js';
import 'video.js/dist/video-js.css';
import videojsDutch from 'video.js/dist/lang/nl.json';
import type { SpriteLayout } from '../../../../shared/domain/entities';
import { formatTimecode, frameAtSeconds, frameCount, frameOfTimestamp, secondsOfFrameMiddle, type FrameRate } from './frame-clock';
import { formatClock } from '../fragments/timeline-view';
import { LiveSource, type LiveState } from './live-source';
import { Scrubber } from './Scrubber';
import { SHORTCUTS, shortcutFor, type PlayerAction } from './shortcuts';

// Its own region keeps a short name: "Videospeler" is the name of our whole player, toolbar included.
videojs.addLanguage('nl', { ...videojsDutch, 'Video Player': 'Video' });

type VideoJsPlayer = ReturnType<typeof videojs>;

export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** What other features (fragments, scoring) may do with the player. */
export interface PlayerHandle {
  seekMs(ms: number): void;
  currentMs(): number;
  currentFrame(): number;
  setLoop(range: { startMs: number; endMs: number } | null): void;
  play(): void;
  pause(): void;
}

interface VideoPlayerProps {
  /** The finished file; null while it is being made (then liveBase plays). */
  src: string | null;
  /** The media route of the copy growing while the playable version is made (/media/<id>/live). */
  liveBase?: string | null;
  rate: FrameRate;
  durationMs: number;
  width: number;
  height: number;
  sprite: SpriteLayout | null;
  spriteUrl: (sheet: number) => string;
  peaksUrl: string | null;
  initialPositionMs: number;
  onPositionSave?: (ms: number) => void;
  onReady?: (handle: PlayerHandle) => void;
}

/**
 * The one place video.js is used. video.js gives playback, volume and fullscreen; frame-exact
 * stepping, speeds, J/K/L, loops, the thumbnail scrubber and the waveform are ours, because they
 * depend on the clip's real frame rate.
 */
export function VideoPlayer({ src, liveBase = null, rate, durationMs, width, height, sprite, spriteUrl, peaksUrl, initialPositionMs, onPositionSave, onReady }: VideoPlayerProps) {
  const aspectRatio = width > 0 && height > 0 ? width / height : 16 / 9;
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const player = useRef<VideoJsPlayer | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const loop = useRef<{ startMs: number; endMs: number } | null>(null);
  const [frame, setFrame] = useState(frameAtSeconds(initialPositionMs / 1000, rate));
  const [timeMs, setTimeMs] = useState(initialPositionMs);
  const [paused, setPaused] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [loopRange, setLoopRange] = useState<{ startMs: number; endMs: number } | null>(null);
  const [pendingLoopStart, setPendingLoopStart] = useState<number | null>(null);
  const [ready, setReady] = useState(false);
  // A better version made in the background (seek-friendly, deinterlaced) arrives as a new `src`.
  // It replaces the one on screen only while nothing plays, so a rater marking fragments during
  // playback is never interrupted, and it continues at the same moment.
  // While the playable version is made, the part that is done plays from its growing copy; the
  // finished file then takes over at once (the copy is removed when the job ends), at the same
  // moment, speed and play state.
  const [live, setLive] = useState<LiveSource | null>(null);
  const [liveState, setLiveState] = useState<LiveState | null>(null);
  useEffect(() => {
    if (src || !liveBase) return;
    const source = new LiveSource(liveBase, setLiveState);
    setLive(source);
    return () => {
      source.dispose();
      setLive(null);
      setLiveState(null);
    };
  }, [src, liveBase]);
  const wantedSrc = src ?? live?.url ?? null;
  const [activeSrc, setActiveSrc] = useState(wantedSrc);
  const playingLive = activeSrc !== null && activeSrc === live?.url;
  const handoverMs = useRef<number | null>(null);
  const handoverPlaying = useRef(false);
  useEffect(() => {
    if (wantedSrc !== activeSrc && (paused || activeSrc === null || activeSrc.startsWith('blob:'))) setActiveSrc(wantedSrc);
  }, [wantedSrc, activeSrc, paused]);
  const liveRef = useRef(live);
  liveRef.current = live;
  const speedRef = useRef(speed);
  speedRef.current = speed;
  // The timestamp of the frame actually on screen (requestVideoFrameCallback), exposed for tests.
  const [presentedTime, setPresentedTime] = useState<number | null>(null);
  const totalFrames = frameCount(durationMs, rate);
  const savePosition = useRef(onPositionSave);
  savePosition.current = onPositionSave;

  // While a new version loads, its element knows no position yet: the handover position is where
  // the player is, and a seek in that moment moves it (loadedmetadata applies the latest).
  const positionSeconds = useCallback(() => (handoverMs.current !== null ? handoverMs.current / 1000 : (video.current?.currentTime ?? 0)), []);
  const seekSeconds = useCallback((seconds: number) => {
    const el = video.current;
    if (!el) return;
    const clamped = Math.min(Math.max(0, seconds), Math.max(0, durationMs / 1000 - 0.001));
    if (handoverMs.current !== null) handoverMs.current = clamped * 1000;
    el.currentTime = clamped;
  }, [durationMs]);

  const seekFrame = useCallback(
    (target: number) => {
      const el = video.current;
      if (!el) return;
      el.pause();
      const clamped = Math.min(Math.max(0, target), totalFrames - 1);
      seekSeconds(secondsOfFrameMiddle(clamped, rate));
      setFrame(clamped);
    },
    [rate, seekSeconds, totalFrames],
  );

  const applyLoop = useCallback((range: { startMs: number; endMs: number } | null) => {
    loop.current = range;
    setLoopRange(range);
  }, []);

  useEffect(() => {
    if (!activeSrc) return;
    const el = document.createElement('video-js');
    el.className = 'vjs-afstemming';
    host.current!.appendChild(el);
    const instance = videojs(el, {
      // video.js' own texts (its error messages, control labels) in the app's language.
      language: i18n.language === 'en' ? 'en' : 'nl',
      controls: true,
      preload: 'auto',
      // No fluid mode: it sizes itself with an injected <style>, which the CSP forbids; the host box
      // below has the clip's aspect ratio and video.js fills it.
      fill: true,
      playbackRates: [],
      controlBar: { pictureInPictureToggle: false, remainingTimeDisplay: false, playbackRateMenuButton: false },
      userActions: { hotkeys: false, doubleClick: true },
      sources: [{ src: activeSrc, type: 'video/mp4' }],
    });
    player.current = instance;
    const tech = instance.el().querySelector('video')!;
    video.current = tech;
    if (liveRef.current && activeSrc === liveRef.current.url) liveRef.current.attach(tech);

    let frameCallback = 0;
    const onFrame = (_now: number, metadata: { mediaTime: number }) => {
      setFrame(frameOfTimestamp(metadata.mediaTime, rate));
      setTimeMs(metadata.mediaTime * 1000);
      setPresentedTime(metadata.mediaTime);
      const range = loop.current;
      if (range && !tech.paused && metadata.mediaTime * 1000 >= range.endMs) tech.currentTime = range.startMs / 1000;
      frameCallback = tech.requestVideoFrameCallback(onFrame);
    };
    frameCallback = tech.requestVideoFrameCallback(onFrame);
    const onTime = () => {
      setTimeMs(tech.currentTime * 1000);
      if (tech.paused) setFrame(frameAtSeconds(tech.currentTime, rate));
    };
    const onPlayState = () => {
      setPaused(tech.paused);
      if (tech.paused) savePosition.current?.(Math.round(tech.currentTime * 1000));
    };
    tech.addEventListener('timeupdate', onTime);
    tech.addEventListener('seeked', onTime);
    // Stepping and jumping while paused move the position too; remember it.
    const onSeeked = () => tech.paused && savePosition.current?.(Math.round(tech.currentTime * 1000));
    tech.addEventListener('seeked', onSeeked);
    tech.addEventListener('play', onPlayState);
    tech.addEventListener('pause', onPlayState);
    tech.addEventListener(
      'loadedmetadata',
      () => {
        const startMs = handoverMs.current ?? initialPositionMs;
        handoverMs.current = null;
        if (startMs > 0) tech.currentTime = startMs / 1000;
        tech.playbackRate = speedRef.current;
        if (handoverPlaying.current) void tech.play().catch(() => undefined);
        handoverPlaying.current = false;
        setReady(true);
      },
      { once: true },
    );
    const saver = window.setInterval(() => {
      if (!tech.paused) savePosition.current?.(Math.round(tech.currentTime * 1000));
    }, 5000);

    return () => {
      window.clearInterval(saver);
      tech.cancelVideoFrameCallback(frameCallback);
      handoverMs.current = positionSeconds() * 1000;
      handoverPlaying.current = !tech.paused;
      savePosition.current?.(Math.round(handoverMs.current));
      setReady(false);
      instance.dispose();
      player.current = null;
      video.current = null;
    };
    // The player is made once per source; position and rate changes must not recreate it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeSrc]);

  const run = useCallback(
    (action: PlayerAction) => {
      const el = video.current;
      if (!el) return;
      const currentFrame = frameAtSeconds(positionSeconds(), rate);
      switch (action) {
        case 'playPause':
          if (el.paused) void el.play();
          else el.pause();
          break;
        case 'pause':
          el.pause();
          break;
        case 'play':
          if (el.paused) void el.play();
          else {
            const next = SPEEDS.find((s) => s > el.playbackRate) ?? SPEEDS[SPEEDS.length - 1]!;
            el.playbackRate = next;
            setSpeed(next);
          }
          break;
        case 'frameBack':
          seekFrame(currentFrame - 1);
          break;
        case 'frameForward':
          seekFrame(currentFrame + 1);
          break;
        case 'back1':
          seekSeconds(positionSeconds() - 1);
          break;
        case 'forward1':
          seekSeconds(positionSeconds() + 1);
          break;
        case 'back5':
          seekSeconds(positionSeconds() - 5);
          break;
        case 'forward5':
          seekSeconds(positionSeconds() + 5);
          break;
        case 'slower':
        case 'faster': {
          const index = SPEEDS.indexOf(el.playbackRate as (typeof SPEEDS)[number]);
          const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (index < 0 ? 3 : index) + (action === 'faster' ? 1 : -1)))]!;
          el.playbackRate = next;
          setSpeed(next);
          break;
        }
        case 'loopStart':
          setPendingLoopStart(positionSeconds() * 1000);
          break;
        case 'loopEnd': {
          const start = pendingLoopStart ?? 0;
          const end = positionSeconds() * 1000;
          if (end > start) applyLoop({ startMs: start, endMs: end });
          break;
        }
        case 'loopToggle':
          if (loop.current) applyLoop(null);
          else if (pendingLoopStart !== null) applyLoop({ startMs: pendingLoopStart, endMs: durationMs });
          break;
      }
    },
    [applyLoop, durationMs, pendingLoopStart, positionSeconds, rate, seekFrame, seekSeconds],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || event.ctrlKey || event.metaKey)) return;
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  useEffect(() => {
    if (!ready) return;
    onReady?.({
      seekMs: (ms) => {
        video.current?.pause();
        seekFrame(frameAtSeconds(ms / 1000, rate));
      },
      currentMs: () => positionSeconds() * 1000,
      currentFrame: () => frameAtSeconds(positionSeconds(), rate),
      setLoop: applyLoop,
      play: () => void video.current?.play(),
      pause: () => video.current?.pause(),
    });
  }, [applyLoop, onReady, positionSeconds, rate, ready, seekFrame]);

  const button = (action: PlayerAction, label: string, text: string) => (
    <button type="button" className="player-button" aria-label={label} title={`${label} (${SHORTCUTS[action].label})`} onClick={() => run(action)}>
      {text}
    </button>
  );

  return (
    <div
      className="player"
      role="region"
      aria-label={t('player.region')}
      data-player-ready={ready ? 'true' : 'false'}
      data-player-source={playingLive ? 'live' : 'file'}
      data-presented-time={presentedTime ?? ''}
    >
      <div ref={host} className="player-video" style={{ aspectRatio: `${aspectRatio}` }} />
      <Scrubber
        durationMs={durationMs}
        timeMs={timeMs}
        sprite={sprite}
        spriteUrl={spriteUrl}
        peaksUrl={peaksUrl}
        loop={loopRange}
        madeMs={playingLive ? (liveState?.madeMs ?? 0) : null}
        onSeek={(ms) => seekSeconds(ms / 1000)}
      />
      {playingLive && liveState && !liveState.unsupported && (
        <p className="help" role="status" aria-label={t('player.liveStatus')}>
          {t('player.liveMade', { made: formatClock(liveState.madeMs), total: formatClock(durationMs) })}
        </p>
      )}
      {playingLive && liveState?.beyond && (
        <p className="error" role="alert">
          {t('player.liveBeyond', { asked: formatClock(liveState.beyond.askedMs), shown: formatClock(liveState.beyond.shownMs) })}
        </p>
      )}
      {liveState?.unsupported && !src && <p className="help">{t('player.liveUnsupported')}</p>}
      <div className="player-toolbar" role="toolbar" aria-label={t('player.controls')}>
        {button('back5', t('player.back5'), '−5 s')}
        {button('back1', t('player.back1'), '−1 s')}
        {button('frameBack', t('player.frameBack'), '◀|')}
        {button('playPause', paused ? t('player.play') : t('player.pause'), paused ? '▶' : '❚❚')}
        {button('frameForward', t('player.frameForward'), '|▶')}
        {button('forward1', t('player.forward1'), '+1 s')}
        {button('forward5', t('player.forward5'), '+5 s')}
        <label className="player-speed">
          {t('player.speed')}{' '}
          <select
            value={speed}
            onChange={(e) => {
              const next = Number(e.target.value);
              if (video.current) video.current.playbackRate = next;
              setSpeed(next);
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {button('loopStart', t('player.loopStart'), 'A')}
        {button('loopEnd', t('player.loopEnd'), 'B')}
        <button type="button" className="player-button" aria-pressed={loopRange !== null} onClick={() => run('loopToggle')} title={`${t('player.loop')} (${SHORTCUTS.loopToggle.label})`}>
          ⟲ {t('player.loop')}
        </button>
        <output className="player-time" aria-label={t('player.position')} aria-live="off">
          <span data-testid="frame-number">
            {t('player.frame')} {frame}
          </span>{' '}
          / {totalFrames - 1} · <span data-testid="timecode">{formatTimecode(paused ? (frame * rate.den * 1000) / rate.num : timeMs)}</span>
        </output>
      </div>
      {loopRange && (
        <p className="help" role="status">
          {t('player.loopActive', { start: formatTimecode(loopRange.startMs), end: formatTimecode(loopRange.endMs) })}
        </p>
      )}
      <details className="shortcuts">
        <summary>{t('player.shortcuts')}</summary>
        <table className="table table--compact">
          <caption className="visually-hidden">{t('player.shortcuts')}</caption>
          <tbody>
            {(Object.keys(SHORTCUTS) as PlayerAction[]).map((action) => (
              <tr key={action}>
                <th scope="row">
                  <kbd>{SHORTCUTS[action].label}</kbd>
                </th>
                <td>{t(`player.actions.${action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
