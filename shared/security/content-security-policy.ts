/**
 * The one Content-Security-Policy of the renderer, sent as a header by both the Electron protocol
 * handler and the browser-mode host. No inline or eval'd script can run, nothing can be framed,
 * and the page can only talk to its own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'payment=()',
  'display-capture=()',
  'clipboard-read=()',
  'fullscreen=(self)',
  'screen-wake-lock=(self)',
].join(', ');

/** Headers every renderer response carries, whichever shell serves it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // No camera, microphone, location or device access for the page or anything it could embed;
  // full screen (the projector) and keeping a phone's screen on stay for the app itself.
  'Permissions-Policy': PERMISSIONS_POLICY,
};
