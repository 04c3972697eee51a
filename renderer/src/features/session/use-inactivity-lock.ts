import { useEffect } from 'react';
import { useApi } from '../../api/api-context';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 15_000;

/**
 * Locks the workstation after `lockAfterMinutes` without keyboard, mouse or a playing video.
 * The back end enforces the same limit on its own (it only counts `session.touch`), so a page
 * that stopped running cannot keep a session open; this side makes the lock visible on time.
 */
export function useInactivityLock(lockAfterMinutes: number): void {
  const api = useApi();
  useEffect(() => {
    const lockAfterMs = lockAfterMinutes * 60_000;
    let lastActivity = Date.now();
    let lastTouch = lastActivity;
    const markActive = () => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, markActive, { capture: true, passive: true });
    // Media events do not bubble, but they do pass the capture phase: watching a clip is activity.
    document.addEventListener('timeupdate', markActive, true);
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - lastActivity >= lockAfterMs) {
        void api.call('session.lock', {}).catch(() => undefined);
      } else if (lastActivity > lastTouch) {
        lastTouch = now;
        void api.call('session.touch', {}).catch(() => undefined);
      }
    }, Math.min(CHECK_EVERY_MS, lockAfterMs / 4));
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, markActive, { capture: true });
      document.removeEventListener('timeupdate', markActive, true);
      window.clearInterval(timer);
    };
  }, [api, lockAfterMinutes]);
}
