import { describe, expect, it } from 'vitest';
import { MAX_RATERS, parseRatingsFile, RatingsFileError } from './ratings-file';

const SCALE = { min: 1, max: 9 };

function errorOf(text: string, scale = SCALE): RatingsFileError {
  try {
    parseRatingsFile(text, scale);
  } catch (error) {
    if (error instanceof RatingsFileError) return error;
    throw error;
  }
  throw new Error('expected a RatingsFileError');
}

describe('parseRatingsFile: wide files', () => {
  it('reads a comma-separated file with empty cells as missing', () => {
    const file = parseRatingsFile('clip,anna,bram,carla\nc1,5,6,\nc2,,3,4\n', SCALE);
    expect(file.format).toBe('wide');
    expect(file.delimiter).toBe(',');
    expect(file.matrix).toEqual({
      raterIds: ['anna', 'bram', 'carla'],
      clipIds: ['c1', 'c2'],
      scores: [
        [5, 6, null],
        [null, 3, 4],
      ],
    });
  });

  it('reads what Dutch Excel writes: BOM, semicolons, CRLF, trailing empty rows', () => {
    const file = parseRatingsFile('\uFEFFOpname;Anna;Bram\r\nA1;7;8\r\nA2;;9\r\n;;\r\n\r\n', SCALE);
    expect(file.delimiter).toBe(';');
    expect(file.matrix.raterIds).toEqual(['Anna', 'Bram']);
    expect(file.matrix.scores).toEqual([
      [7, 8],
      [null, 9],
    ]);
  });

  it('handles quoted fields, escaped quotes, separators and line breaks inside quotes', () => {
    const file = parseRatingsFile(
      '"clip";"de Vries; J.";"O""Neil"\n"opname\n1";"5";6\n"2, tweede";" 7 ";""\n',
      SCALE,
    );
    expect(file.matrix.raterIds).toEqual(['de Vries; J.', 'O"Neil']);
    expect(file.matrix.clipIds).toEqual(['opname\n1', '2, tweede']);
    expect(file.matrix.scores).toEqual([
      [5, 6],
      [7, null],
    ]);
  });

  it('accepts whole numbers written with decimals (7.0, 7,00) and old Mac line ends', () => {
    const file = parseRatingsFile('clip;a;b\rc1;7,0;7.00\rc2;+3;4\r', SCALE);
    expect(file.matrix.scores).toEqual([
      [7, 7],
      [3, 4],
    ]);
  });

  it('takes the separator from the header, where it is least ambiguous', () => {
    expect(parseRatingsFile('clip;a;b\nc1;"1,0";2\n', SCALE).delimiter).toBe(';');
    expect(parseRatingsFile('"clip;x",a,b\nc1,1,2\n', SCALE).delimiter).toBe(',');
  });

  it('skips leading blank lines and counts lines from the top of the file', () => {
    expect(errorOf('\n\nclip,a\nc1,x\n').message).toBe('Regel 4: opname "c1", beoordelaar "a": "x" is geen getal (laat de cel leeg voor een ontbrekende score).');
  });
});

describe('parseRatingsFile: long files', () => {
  it('reads clip,rater,score in any column order, first appearance fixing the order', () => {
    const file = parseRatingsFile('score,rater,clip\n5,bram,c2\n6,anna,c1\n7,anna,c2\n,bram,c1\n', SCALE);
    expect(file.format).toBe('long');
    expect(file.matrix).toEqual({
      raterIds: ['bram', 'anna'],
      clipIds: ['c2', 'c1'],
      scores: [
        [5, 7],
        [null, 6],
      ],
    });
  });

  it('accepts the Dutch column names and any capitalisation', () => {
    const file = parseRatingsFile('Opname;Beoordelaar;Score\nA;x;3\nA;y;4\nB;x;5\n', SCALE);
    expect(file.format).toBe('long');
    expect(file.matrix.scores).toEqual([
      [3, 4],
      [5, null],
    ]);
  });

  it('refuses the same rater scoring the same clip twice', () => {
    expect(errorOf('clip,rater,score\nc1,a,5\nc1,b,5\nc1,a,6\n').message).toBe(
      'Regel 4: beoordelaar "a" heeft opname "c1" al gescoord op regel 2.',
    );
  });

  it('refuses empty clip or rater names', () => {
    expect(errorOf('clip,rater,score\n,a,5\n').message).toMatch(/^Regel 2: de opname is leeg/);
    expect(errorOf('clip,rater,score\nc1, ,5\n').message).toMatch(/^Regel 2: de beoordelaar is leeg/);
  });
});

describe('parseRatingsFile: malformed files', () => {
  it.each([
    ['an empty file', '', 'het bestand is leeg.'],
    ['only whitespace', ' \n\n', 'het bestand is leeg.'],
    ['only a header', 'clip,a,b\n', 'Regel 1: alleen een kopregel, geen scores.'],
    ['no separator', 'clip\nc1\n', 'Regel 1: geen scheidingsteken'],
    ['no rater columns', 'clip,\nc1,\n', 'Regel 1: kolom 2 heeft geen naam'],
    ['a duplicate rater', 'clip,a,a\nc1,1,2\n', 'Regel 1: beoordelaar "a" staat twee keer in de kopregel.'],
    ['a row that is too short', 'clip,a,b\nc1,1,2\nc2,1\n', 'Regel 3: 2 kolommen, verwacht 3 zoals in de kopregel.'],
    ['a row that is too long', 'clip,a,b\nc1,1,2,3\n', 'Regel 2: 4 kolommen, verwacht 3'],
    ['a duplicate clip', 'clip,a\nc1,1\nc1,2\n', 'Regel 3: opname "c1" staat ook al op regel 2.'],
    ['a clip without a name', 'clip,a\n ,1\n', 'Regel 2: de opname heeft geen naam'],
    ['an unterminated quote', 'clip,a\n"c1,1\n', 'Regel 2: aanhalingsteken wordt niet afgesloten.'],
    ['a quote inside a field', 'clip,a\nc"1,1\n', 'Regel 2: aanhalingsteken midden in een veld'],
    ['text after a closing quote', 'clip,a\n"c1"x,1\n', 'Regel 2: tekst na een afsluitend aanhalingsteken'],
  ])('refuses %s', (_, text, message) => {
    expect(errorOf(text).message.startsWith(message)).toBe(true);
  });

  const missingHint = '(laat de cel leeg voor een ontbrekende score).';
  it.each([
    ['abc', `"abc" is geen getal ${missingHint}`],
    ['NA', `"NA" is geen getal ${missingHint}`],
    ['1e1', `"1e1" is geen getal ${missingHint}`],
    ['5 6', `"5 6" is geen getal ${missingHint}`],
    ['7.5', '7.5 is geen geheel getal; scores zijn hele punten.'],
    ['"7,5"', '7,5 is geen geheel getal; scores zijn hele punten.'],
    ['0', 'score 0 valt buiten de schaal 1–9.'],
    ['10', 'score 10 valt buiten de schaal 1–9.'],
    ['-3', 'score -3 valt buiten de schaal 1–9.'],
  ])('refuses the score %s with a Dutch message naming clip, rater and line', (score, message) => {
    const error = errorOf(`clip,anna\nc1,5\nc2,${score}\n`);
    expect(error.message).toBe(`Regel 3: opname "c2", beoordelaar "anna": ${message}`);
    expect(error.line).toBe(3);
  });

  it('checks scores against the scale the caller gives', () => {
    expect(parseRatingsFile('clip,a\nc1,10\n', { min: 1, max: 10 }).matrix.scores).toEqual([[10]]);
    expect(errorOf('clip,a\nc1,1\n', { min: 2, max: 5 }).message).toMatch(/buiten de schaal 2–5/);
  });
});

// Found by the importer fuzz (test/integration/fuzz-importers.test.ts): 5000 rater columns ran
// the agreement command out of memory computing 12.5 million kappa pairs.
describe('parseRatingsFile: absurdly many raters', () => {
  const raters = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

  it('refuses a wide file with more rater columns than any team has, in Dutch', () => {
    const text = `clip,${raters(MAX_RATERS + 1).join(',')}\nc1,${Array(MAX_RATERS + 1).fill(5).join(',')}\n`;
    expect(errorOf(text).message).toBe(`Regel 1: meer dan ${MAX_RATERS} beoordelaars (${MAX_RATERS + 1}); zo groot is geen team. Controleer het scheidingsteken en de kopregel.`);
    const fits = `clip,${raters(MAX_RATERS).join(',')}\nc1,${Array(MAX_RATERS).fill(5).join(',')}\n`;
    expect(parseRatingsFile(fits, SCALE).matrix.raterIds).toHaveLength(MAX_RATERS);
  });

  it('refuses a long file with more raters than any team has, at the line of the first one too many', () => {
    const text = `clip,rater,score\n${raters(MAX_RATERS + 1).map((r) => `c1,${r},5`).join('\n')}\n`;
    expect(errorOf(text).message).toMatch(new RegExp(`^Regel ${MAX_RATERS + 2}: meer dan ${MAX_RATERS} beoordelaars`));
  });
});
