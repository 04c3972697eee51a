import { msg, type Bilingual } from '../../../shared/api/envelope';
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, sep } from 'node:path';
import { MediaError } from './media-error';

export type BinaryName = 'ffmpeg' | 'ffprobe';

/** Where a binary was found, for the diagnostics screen and the log. */
export type BinarySource = 'setting' | 'env' | 'bundled' | 'path';

export interface ResolvedBinary {
  path: string;
  source: BinarySource;
}

export interface FfmpegBinaries {
  ffmpeg: ResolvedBinary;
  ffprobe: ResolvedBinary;
}

export interface ResolveBinariesOptions {
  /** Explicit paths from the app settings; they win over everything else. */
  ffmpegPath?: string | null;
  ffprobePath?: string | null;
  /** Defaults to process.env; read for AFSTEMMING_FFMPEG, AFSTEMMING_FFPROBE and PATH. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to the optional ffmpeg-static / ffprobe-static packages; tests inject fakes. */
  bundled?: (name: BinaryName) => Promise<string | null>;
  platform?: NodeJS.Platform;
}

const ENV_NAME: Record<BinaryName, string> = { ffmpeg: 'AFSTEMMING_FFMPEG', ffprobe: 'AFSTEMMING_FFPROBE' };

function notFoundMessage(name: BinaryName): Bilingual {
  return msg(
    `${name} is niet gevonden. Installeer ffmpeg (bijv. \`apt-get install ffmpeg\`) ` +
      `of stel het pad in bij Instellingen of met de omgevingsvariabele ${ENV_NAME[name]}.`,
    `${name} was not found. Install ffmpeg (e.g. \`apt-get install ffmpeg\`) ` + `or set the path in Settings or with the environment variable ${ENV_NAME[name]}.`,
  );
}

/**
 * Finds ffmpeg or ffprobe in a fixed order: explicit setting → environment variable →
 * bundled package (ffmpeg-static / ffprobe-static) → PATH. A configured path that is not
 * executable is an error rather than a silent fall-through: the user asked for that binary.
 */
export async function resolveBinary(name: BinaryName, options: ResolveBinariesOptions = {}): Promise<ResolvedBinary> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  const setting = name === 'ffmpeg' ? options.ffmpegPath : options.ffprobePath;
  if (setting) return requireExecutable(name, setting, 'setting');

  const fromEnv = env[ENV_NAME[name]];
  if (fromEnv) return requireExecutable(name, fromEnv, 'env');

  const bundledPath = await (options.bundled ?? bundledBinary)(name).catch(() => null);
  if (bundledPath && (await isExecutableFile(unpackedFromAsar(bundledPath)))) {
    return { path: unpackedFromAsar(bundledPath), source: 'bundled' };
  }

  const onPath = await findOnPath(name, env, platform);
  if (onPath) return { path: onPath, source: 'path' };

  throw new MediaError('ffmpeg_missing', notFoundMessage(name), `searched PATH=${env.PATH ?? env.Path ?? ''}`);
}

export async function resolveFfmpegBinaries(options: ResolveBinariesOptions = {}): Promise<FfmpegBinaries> {
  // One after the other so a machine without either gets the ffmpeg message, not a race winner.
  const ffmpeg = await resolveBinary('ffmpeg', options);
  const ffprobe = await resolveBinary('ffprobe', options);
  return { ffmpeg, ffprobe };
}

let defaultBinaries: Promise<FfmpegBinaries> | null = null;

/**
 * Process-wide resolution with default options, remembered after the first success so every
 * probe and job does not walk PATH again. A failure is not remembered: the user may install
 * ffmpeg and retry without restarting.
 */
export function getDefaultBinaries(): Promise<FfmpegBinaries> {
  if (!defaultBinaries) {
    defaultBinaries = resolveFfmpegBinaries();
    defaultBinaries.catch(() => {
      defaultBinaries = null;
    });
  }
  return defaultBinaries;
}

/** Forget the remembered binaries, e.g. after the user changed the ffmpeg setting. */
export function resetDefaultBinaries(): void {
  defaultBinaries = null;
}

/**
 * First line of `<bin> -version`, e.g. "ffmpeg version 5.1.6-0+deb12u1 ...", for the diagnostics
 * screen. Rejects when the binary does not start (wrong architecture, broken download).
 */
export function readBinaryVersion(binaryPath: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binaryPath, ['-hide_banner', '-version'], { shell: false, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (out.length < 4096) out += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const first = out.split(/\r?\n/, 1)[0]?.trim() ?? '';
      if (code === 0 && first) resolve(first);
      else reject(new Error(`${binaryPath} -version exited with ${String(code)}`));
    });
  });
}

async function requireExecutable(name: BinaryName, path: string, source: BinarySource): Promise<ResolvedBinary> {
  if (isAbsolute(path) && (await isExecutableFile(path))) return { path, source };
  const where = source === 'env' ? `de omgevingsvariabele ${ENV_NAME[name]}` : 'de instellingen';
  const whereEn = source === 'env' ? `the environment variable ${ENV_NAME[name]}` : 'the settings';
  throw new MediaError(
    'ffmpeg_missing',
    msg(
      `${name} is niet gevonden op het pad uit ${where}: ${path}. Controleer het pad (volledig pad naar het programma) of maak het leeg om automatisch te zoeken.`,
      `${name} was not found at the path from ${whereEn}: ${path}. Check the path (the full path to the program) or leave it empty to search automatically.`,
    ),
    `${source}=${path}`,
  );
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: BinaryName, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | null> {
  const pathVar = env.PATH ?? env.Path ?? '';
  const separator = platform === 'win32' ? ';' : delimiter;
  // .cmd/.bat wrappers would need a shell to start, so only real executables count on Windows.
  const fileName = platform === 'win32' ? `${name}.exe` : name;
  for (const dir of pathVar.split(separator)) {
    // An empty or relative entry means "the current directory": never run a binary planted there.
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, fileName);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Packaged apps keep native binaries outside the asar archive; the packages report the path
 * inside it, which cannot be executed.
 */
function unpackedFromAsar(path: string): string {
  return path.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
}

async function bundledBinary(name: BinaryName): Promise<string | null> {
  // A variable specifier keeps TypeScript and bundlers from requiring these optional packages.
  const specifier = name === 'ffmpeg' ? 'ffmpeg-static' : 'ffprobe-static';
  try {
    const mod: unknown = await import(specifier);
    return pathFromPackage(mod);
  } catch {
    return null;
  }
}

/** ffmpeg-static exports the path as its default; ffprobe-static exports `{ path }`. */
function pathFromPackage(mod: unknown): string | null {
  const candidates: unknown[] = [mod];
  if (typeof mod === 'object' && mod !== null) {
    const record = mod as Record<string, unknown>;
    candidates.push(record.default, record.path);
    if (typeof record.default === 'object' && record.default !== null) {
      candidates.push((record.default as Record<string, unknown>).path);
    }
  }
  const found = candidates.find((value): value is string => typeof value === 'string' && value.length > 0);
  return found ?? null;
}
