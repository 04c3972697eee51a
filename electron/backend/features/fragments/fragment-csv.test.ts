import { describe, expect, it } from 'vitest';
import { clockTime, exportFileName } from './export-model';
import { csvText, fragmentsToCsv, neutralizeFormula } from './fragment-csv';
import { sampleModel } from './sample-export-model';

describe('fragment CSV', () => {
  it('starts with a BOM, ends lines with CRLF and has one row per fragment', () => {
    const csv = fragmentsToCsv(sampleModel(), 'comma');
    expect(csv.startsWith('\uFEFF"gezin","opname_id"')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // 1 header + 3 rows; the note's own CRLF is inside quotes.
    expect(csv.slice(1).split(/\r\n(?=")/).filter(Boolean)).toHaveLength(4);
  });

  it('quotes text, doubles quotes and keeps separators and line breaks inside a cell', () => {
    const csv = fragmentsToCsv(sampleModel(), 'comma');
    expect(csv).toContain('"Moeder ""kijkt"", lacht;\r\nbaby reageert.\ttab"');
    expect(csv).toContain('"sensitieve reactie | coöperatie"');
  });

  it('neutralises formulas in every text cell, headers included', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula('gewoon')).toBe('gewoon');
    const csv = fragmentsToCsv(sampleModel(), 'semicolon');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`"'+31 6 1234"`);
    expect(csv).toContain(`"vraag: =cmd|calc"`); // the prefix makes the header itself safe
    expect(csvText('-5')).toBe(`"'-5"`);
  });

  it('writes the comma dialect with decimal points and the Dutch dialect with semicolons and decimal commas', () => {
    const comma = fragmentsToCsv(sampleModel(), 'comma').split('\r\n');
    const dutch = fragmentsToCsv(sampleModel(), 'semicolon').split('\r\n');
    expect(comma[1]).toBe(
      '"OB-26-001",7,"2026-03-01","bad","voormeting",29.970,11,"AB",1000,2500,1.500,"00:00:01.000","00:00:02.500",29,74,"sensitieve reactie | coöperatie","moeder",1,"Moeder ""kijkt"", lacht;',
    );
    expect(dutch[1]).toBe(
      '"OB-26-001";7;"2026-03-01";"bad";"voormeting";29,970;11;"AB";1000;2500;1,500;"00:00:01,000";"00:00:02,500";29;74;"sensitieve reactie | coöperatie";"moeder";1;"Moeder ""kijkt"", lacht;',
    );
  });

  it('names files by family code and date only', () => {
    expect(exportFileName(sampleModel(), 'csv')).toBe('OB-26-001_2026-03-01_fragmenten.csv');
    expect(clockTime(3_723_004)).toBe('01:02:03.004');
  });
});
