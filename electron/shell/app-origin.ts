/** The renderer is served from this privileged custom scheme, never from file:// or http://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'afstemming';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs of the app itself. Parsed, not prefix-matched, so `app://afstemming.evil/`,
 * `app://afstemming@evil/` or `app://AFSTEMMING:80/` lookalikes are not the app.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
