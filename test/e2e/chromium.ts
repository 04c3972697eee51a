import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's Chromium (Playwright cannot download its own browser here). */
export function chromiumExecutable(): string {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return explicit;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // try the next one
      }
    }
  }
  throw new Error('Chromium niet gevonden: installeer het (apt-get install chromium) of zet CHROMIUM_PATH.');
}
