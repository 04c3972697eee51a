import type { RatingsMatrix, ScaleBounds, Score } from '../../../../shared/stats/ratings-matrix';

// Reads a ratings file as people actually produce them: Excel in a Dutch locale (semicolons,
// a BOM), R or SPSS exports (commas, quotes), either one column per rater ("wide") or one row
// per score ("long": clip, rater, score). Anything doubtful is an error naming the line, never
// a silent guess, because a misread score would quietly change every statistic.

export type RatingsFileFormat = 'wide' | 'long';

export interface RatingsFile {
  readonly format: RatingsFileFormat;
  readonly delimiter: ',' | ';';
  readonly matrix: RatingsMatrix & { readonly clipIds: readonly string[] };
}

export class RatingsFileError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(line === null ? message : `Regel ${line}: ${message}`);
    this.name = 'RatingsFileError';
    this.line = line;
  }
}

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

// Header names that mark the long format, with the Dutch words a coordinator might use.
const LONG_COLUMNS = {
  clip: ['clip', 'opname'],
  rater: ['rater', 'beoordelaar'],
  score: ['score'],
} as const;

function detectDelimiter(text: string, headerLine: number): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  if (commas === 0 && semicolons === 0) {
    throw new RatingsFileError(
      'geen scheidingsteken in de kopregel; gebruik komma\'s of puntkomma\'s tussen de kolommen.',
      headerLine,
    );
  }
  return semicolons > commas ? ';' : ',';
}

// RFC 4180 with the usual leniencies: CRLF, LF or CR line ends, and line breaks inside quotes.
function parseCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  const endField = () => {
    fields.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const char = text[i];
    if (atFieldStart && char === '"') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new RatingsFileError('aanhalingsteken wordt niet afgesloten.', quoteLine);
        const inner = text[i];
        if (inner === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && text[i + 1] !== '\n')) line++;
        field += inner;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new RatingsFileError(`tekst na een afsluitend aanhalingsteken ("${field}"${next}…).`, line);
      }
      atFieldStart = false;
      continue;
    }
    if (char === delimiter) {
      endField();
      i++;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (char === '"') {
      throw new RatingsFileError('aanhalingsteken midden in een veld; zet het hele veld tussen aanhalingstekens.', line);
    } else {
      field += char;
      atFieldStart = false;
      i++;
    }
  }
  if (fields.length > 0 || field !== '' || !atFieldStart) endRecord();
  return records;
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}

function parseScore(raw: string, scale: ScaleBounds, where: string, line: number): Score {
  const text = raw.trim();
  if (text === '') return null;
  // Whole numbers, optionally written with a decimal point or a Dutch decimal comma ("7,0").
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) {
    throw new RatingsFileError(
      `${where}: "${text}" is geen getal (laat de cel leeg voor een ontbrekende score).`,
      line,
    );
  }
  const value = Number(text.replace(',', '.'));
  if (!Number.isInteger(value)) {
    throw new RatingsFileError(`${where}: ${text} is geen geheel getal; scores zijn hele punten.`, line);
  }
  if (value < scale.min || value > scale.max) {
    throw new RatingsFileError(`${where}: score ${text} valt buiten de schaal ${scale.min}–${scale.max}.`, line);
  }
  return value;
}

function checkFieldCount(record: CsvRecord, expected: number): void {
  if (record.fields.length !== expected) {
    throw new RatingsFileError(
      `${record.fields.length} ${record.fields.length === 1 ? 'kolom' : 'kolommen'}, verwacht ${expected} zoals in de kopregel.`,
      record.line,
    );
  }
}

function longColumns(header: string[]): { clip: number; rater: number; score: number } | null {
  if (header.length !== 3) return null;
  const names = header.map((name) => name.trim().toLowerCase());
  const find = (aliases: readonly string[]) => names.findIndex((name) => aliases.includes(name));
  const columns = { clip: find(LONG_COLUMNS.clip), rater: find(LONG_COLUMNS.rater), score: find(LONG_COLUMNS.score) };
  return new Set([columns.clip, columns.rater, columns.score]).size === 3 && !Object.values(columns).includes(-1)
    ? columns
    : null;
}

/**
 * Pairwise statistics grow with the square of the raters (5000 columns made 12.5 million kappa
 * pairs and ran out of memory), and no team is that large: more columns is a wrong file.
 */
export const MAX_RATERS = 200;

function tooManyRaters(count: number, line: number): RatingsFileError {
  return new RatingsFileError(
    `meer dan ${MAX_RATERS} beoordelaars (${count}); zo groot is geen team. Controleer het scheidingsteken en de kopregel.`,
    line,
  );
}

function readWide(headerRecord: CsvRecord, rows: CsvRecord[], scale: ScaleBounds): RatingsFile['matrix'] {
  const header = headerRecord.fields;
  const headerLine = headerRecord.line;
  const raterIds = header.slice(1).map((name) => name.trim());
  if (raterIds.length === 0) {
    throw new RatingsFileError(
      'alleen een kolom met opnamen; er is minstens één kolom per beoordelaar nodig.',
      headerLine,
    );
  }
  if (raterIds.length > MAX_RATERS) throw tooManyRaters(raterIds.length, headerLine);
  raterIds.forEach((id, index) => {
    if (id === '') throw new RatingsFileError(`kolom ${index + 2} heeft geen naam van een beoordelaar.`, headerLine);
    if (raterIds.indexOf(id) !== index) {
      throw new RatingsFileError(`beoordelaar "${id}" staat twee keer in de kopregel.`, headerLine);
    }
  });
  const clipIds: string[] = [];
  const seen = new Map<string, number>();
  const scores = rows.map((record) => {
    checkFieldCount(record, header.length);
    const clip = (record.fields[0] ?? '').trim();
    if (clip === '') throw new RatingsFileError('de opname heeft geen naam (eerste kolom is leeg).', record.line);
    const earlier = seen.get(clip);
    if (earlier !== undefined) {
      throw new RatingsFileError(`opname "${clip}" staat ook al op regel ${earlier}.`, record.line);
    }
    seen.set(clip, record.line);
    clipIds.push(clip);
    return raterIds.map((rater, index) =>
      parseScore(record.fields[index + 1] ?? '', scale, `opname "${clip}", beoordelaar "${rater}"`, record.line),
    );
  });
  return { raterIds, clipIds, scores };
}

function readLong(
  columns: { clip: number; rater: number; score: number },
  rows: CsvRecord[],
  scale: ScaleBounds,
): RatingsFile['matrix'] {
  const clipIds: string[] = [];
  const raterIds: string[] = [];
  const clipIndex = new Map<string, number>();
  const raterIndex = new Map<string, number>();
  const cells = new Map<string, { score: Score; line: number }>();
  for (const record of rows) {
    checkFieldCount(record, 3);
    const clip = (record.fields[columns.clip] ?? '').trim();
    const rater = (record.fields[columns.rater] ?? '').trim();
    if (clip === '') throw new RatingsFileError('de opname is leeg.', record.line);
    if (rater === '') throw new RatingsFileError('de beoordelaar is leeg.', record.line);
    const score = parseScore(
      record.fields[columns.score] ?? '',
      scale,
      `opname "${clip}", beoordelaar "${rater}"`,
      record.line,
    );
    if (!clipIndex.has(clip)) {
      clipIndex.set(clip, clipIds.length);
      clipIds.push(clip);
    }
    if (!raterIndex.has(rater)) {
      if (raterIds.length === MAX_RATERS) throw tooManyRaters(MAX_RATERS + 1, record.line);
      raterIndex.set(rater, raterIds.length);
      raterIds.push(rater);
    }
    // JSON of the pair cannot collide the way a joined string could ("a,b" + "c" vs "a" + "b,c").
    const key = JSON.stringify([clip, rater]);
    const earlier = cells.get(key);
    if (earlier !== undefined) {
      throw new RatingsFileError(
        `beoordelaar "${rater}" heeft opname "${clip}" al gescoord op regel ${earlier.line}.`,
        record.line,
      );
    }
    cells.set(key, { score, line: record.line });
  }
  const scores = clipIds.map((clip) =>
    raterIds.map((rater) => cells.get(JSON.stringify([clip, rater]))?.score ?? null),
  );
  return { raterIds, clipIds, scores };
}

/** Parses the text of a ratings file; throws RatingsFileError (Dutch, with the line) on anything doubtful. */
export function parseRatingsFile(text: string, scale: ScaleBounds): RatingsFile {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (content.trim() === '') throw new RatingsFileError('het bestand is leeg.');
  const leadingBlank = content.slice(0, content.search(/\S/));
  const headerStart = Math.max(leadingBlank.lastIndexOf('\n'), leadingBlank.lastIndexOf('\r')) + 1;
  const headerLine = (leadingBlank.slice(0, headerStart).match(/\r\n|\r|\n/g) ?? []).length + 1;
  const delimiter = detectDelimiter(content.slice(headerStart), headerLine);
  const records = parseCsv(content, delimiter).filter((record) => !isBlank(record));
  const [headerRecord, ...rows] = records;
  if (headerRecord === undefined) throw new RatingsFileError('het bestand is leeg.');
  const header = headerRecord.fields;
  if (rows.length === 0) throw new RatingsFileError('alleen een kopregel, geen scores.', headerRecord.line);
  const columns = longColumns(header);
  if (columns !== null) return { format: 'long', delimiter, matrix: readLong(columns, rows, scale) };
  return { format: 'wide', delimiter, matrix: readWide(headerRecord, rows, scale) };
}
