import { statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnProcess } from './spawn-process';

/**
 * Font files drawtext can read, most likely first. Debian's ffmpeg pulls in fontconfig, whose
 * config package depends on fonts-dejavu-core, so the first entry exists wherever ffmpeg came from apt.
 */
function candidates(): string[] {
  const windows = process.env.WINDIR ?? 'C:\\Windows';
  return [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    '/Library/Fonts/Arial.ttf',
    '/System/Library/Fonts/Helvetica.ttc',
    join(windows, 'Fonts', 'arial.ttf'),
    join(windows, 'Fonts', 'segoeui.ttf'),
  ];
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** fontconfig's default sans font, where fc-match exists (most Linux desktops). */
async function fromFontconfig(): Promise<string | null> {
  const outcome = await spawnProcess('fc-match', ['--format=%{file}', 'sans-serif'], { timeoutMs: 5000, maxStdoutBytes: 4096 });
  if (outcome.ending !== 'exit' || outcome.exitCode !== 0) return null;
  const path = outcome.stdout.toString('utf8').trim();
  return path && /\.(ttf|otf|ttc)$/i.test(path) && isFile(path) ? path : null;
}

let found: Promise<string | null> | null = null;

/**
 * A font for the title cards of video exports, or null when this machine has none we can find;
 * then the cards are drawn without text (the reel still plays, the tags are just not written on it).
 * Looked up once per run.
 */
export function findTitleFont(): Promise<string | null> {
  found ??= (async () => {
    const override = process.env.AFSTEMMING_TITLE_FONT;
    if (override && isFile(override)) return override;
    return candidates().find(isFile) ?? (await fromFontconfig().catch(() => null));
  })();
  return found;
}
