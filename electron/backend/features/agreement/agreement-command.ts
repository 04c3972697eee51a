import { computeAgreement } from '../../../../shared/stats/compute-agreement';
import { RatingsInputError, type ScaleBounds } from '../../../../shared/stats/ratings-matrix';
import { toAgreementJson } from './agreement-json';
import { parseRatingsFile, RatingsFileError } from './ratings-file';

// The agreement command without the process around it (arguments in, text and exit code out),
// so it can be tested in-process; agreement-cli.ts only wires it to argv, stdout and stderr.

export const USAGE = `Gebruik: npm run -s agreement -- BESTAND.csv [--min 1] [--max 9]

Leest scores uit BESTAND.csv en schrijft alle overeenstemmingsmaten als één JSON-object.
  breed:  eerste kolom opname, daarna één kolom per beoordelaar (lege cel = geen score)
  lang:   kolommen clip, rater, score (ook: opname, beoordelaar, score)
Komma of puntkomma als scheidingsteken, UTF-8 (met of zonder BOM).
  --min N, --max N   schaalgrenzen (standaard 1 en 9)
Een maat die niet te berekenen is, staat als null in de uitvoer; "reasons" zegt waarom.
Exitcode 2 bij een onleesbaar bestand of een ongeldige score.`;

export interface CommandOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandEnvironment {
  /** Reads a file as bytes; throws a Node-style error with `code` on failure. */
  readonly readFile: (path: string) => Uint8Array;
  /** Resolves the file argument the way the user meant it (their working directory). */
  readonly resolvePath: (path: string) => string;
}

class UsageError extends Error {}

function parseBound(name: string, raw: string | undefined): number {
  if (raw === undefined || !/^[+-]?\d+$/.test(raw.trim())) {
    throw new UsageError(`--${name} verwacht een geheel getal${raw === undefined ? '' : `, niet "${raw}"`}.`);
  }
  return Number(raw);
}

function parseArguments(args: readonly string[]): { file: string; scale: ScaleBounds } | 'help' {
  let file: string | undefined;
  let min = 1;
  let max = 9;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const option = /^--(min|max)(?:=(.*))?$/.exec(arg);
    if (option !== null) {
      const name = option[1] === 'min' ? 'min' : 'max';
      const value = parseBound(name, option[2] ?? args[++i]);
      if (name === 'min') min = value;
      else max = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`onbekende optie ${arg}.`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`één bestand tegelijk, niet ook "${arg}".`);
    }
  }
  if (file === undefined) throw new UsageError('geef een bestand met scores op.');
  if (min >= max) throw new UsageError(`--min (${min}) moet kleiner zijn dan --max (${max}).`);
  return { file, scale: { min, max } };
}

function describeReadError(path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return `bestand niet gevonden: ${path}`;
  if (code === 'EISDIR') return `${path} is een map, geen bestand.`;
  if (code === 'EACCES' || code === 'EPERM') return `geen toegang tot ${path}.`;
  return `kan ${path} niet lezen (${error instanceof Error ? error.message : String(error)}).`;
}

function failure(message: string): CommandOutcome {
  return { exitCode: 2, stdout: '', stderr: `Fout: ${message}\n` };
}

export function runAgreementCommand(args: readonly string[], environment: CommandEnvironment): CommandOutcome {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RatingsInputError) {
      return failure(`${error.message}\n\n${USAGE}`);
    }
    throw error;
  }
  if (parsed === 'help') return { exitCode: 0, stdout: `${USAGE}\n`, stderr: '' };

  const path = environment.resolvePath(parsed.file);
  let bytes: Uint8Array;
  try {
    bytes = environment.readFile(path);
  } catch (error) {
    return failure(describeReadError(parsed.file, error));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure(`${parsed.file} is geen UTF-8-tekst; sla het op als "CSV UTF-8".`);
  }
  try {
    const file = parseRatingsFile(text, parsed.scale);
    const result = computeAgreement(file.matrix, parsed.scale);
    return { exitCode: 0, stdout: `${JSON.stringify(toAgreementJson(result), null, 2)}\n`, stderr: '' };
  } catch (error) {
    if (error instanceof RatingsFileError || error instanceof RatingsInputError) {
      return failure(`${parsed.file}: ${error.message}`);
    }
    throw error;
  }
}
