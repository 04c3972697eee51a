import { PdfCanvas } from '../../trends/pdf-canvas';
import type { Column } from '../../trends/export-table';
import { tablesToXlsx, type Sheet } from '../../trends/xlsx-export';
import type { Cell } from '../../trends/export-table';
import type { DossierDocument, DossierSection } from './dossier-document';

// The two files of a family's dossier, drawn from one DossierDocument: the PDF a clinician files
// in the EPD, and the XLSX with every field.

const LABEL_WIDTH = 185;

function drawFields(canvas: PdfCanvas, fields: NonNullable<DossierSection['fields']>, emptyValue: string): void {
  const valueX = canvas.left + LABEL_WIDTH;
  const valueWidth = canvas.right - valueX;
  for (const { label, value } of fields) {
    const shown = value.trim() === '' ? emptyValue : value;
    const height = Math.max(canvas.textHeight(label, 9.5, LABEL_WIDTH - 8, true), canvas.textHeight(shown, 9.5, valueWidth));
    canvas.ensureSpace(height + 4);
    const top = canvas.y;
    canvas.text(label, { size: 9.5, bold: true, width: LABEL_WIDTH - 8, fixed: true }, { x: canvas.left, y: top });
    canvas.text(shown, { size: 9.5, width: valueWidth, fixed: true }, { x: valueX, y: top });
    canvas.y = top + height + 4;
  }
}

export async function dossierPdf(doc: DossierDocument, createdAt: Date): Promise<Buffer> {
  const { words } = doc;
  const canvas = await PdfCanvas.create({ title: words.title(doc.familyCode), subject: words.subtitle, createdAt });
  canvas.heading(words.title(doc.familyCode), 1);
  canvas.text(words.subtitle, { size: 11 });
  canvas.space(4);
  canvas.text(words.made(words.date(doc.madeOn)), { size: 8.5, color: '#5b6673' });
  for (const section of doc.sections) {
    canvas.heading(section.title, 2);
    if (section.fields) drawFields(canvas, section.fields, '-');
    if (section.table) {
      const shown = section.table.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.pdfWidth !== undefined);
      if (section.table.rows.length === 0) {
        canvas.text(section.empty ?? words.none, { size: 9.5, color: '#5b6673' });
      } else {
        canvas.table(
          shown.map(({ column }) => ({ header: column.header, width: column.pdfWidth!, align: column.kind === 'number' ? 'right' : 'left' })),
          section.table.rows.map((row) => shown.map(({ index }) => cellText(row[index] ?? null, words.language))),
        );
      }
    }
  }
  canvas.footer(words.footer(doc.familyCode), words.page);
  return canvas.finish();
}

function cellText(cell: Cell, language: 'nl' | 'en'): string {
  if (cell === null) return '-';
  if (typeof cell === 'number') return language === 'nl' ? String(cell).replace('.', ',') : String(cell);
  return cell;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export async function dossierXlsx(doc: DossierDocument, createdAt: Date): Promise<Buffer> {
  const { words } = doc;
  const taken = new Set<string>([words.explanationSheet.toLowerCase()]);
  const sheets: Sheet<unknown>[] = [];
  for (const section of doc.sections) {
    if (section.pdfOnly) continue;
    const name = sheetName(section.title, taken);
    if (section.fields) {
      const columns: Column<{ label: string; value: string }>[] = [
        { header: words.language === 'nl' ? 'Veld' : 'Field', kind: 'text', value: (row) => row.label, help: '' },
        { header: words.language === 'nl' ? 'Waarde' : 'Value', kind: 'text', value: (row) => row.value, help: '' },
      ];
      sheets.push({ name, columns, rows: section.fields, widths: { [columns[0]!.header]: 45, [columns[1]!.header]: 80 } } as Sheet<unknown>);
    } else if (section.table) {
      const columns: Column<Cell[]>[] = section.table.columns.map((column, index) => ({ header: column.header, kind: column.kind, value: (row) => row[index] ?? null, help: '' }));
      const widths = Object.fromEntries(section.table.columns.map((column) => [column.header, Math.max(12, Math.min(80, Math.round((column.pdfWidth ?? 70) / 4)))]));
      sheets.push({ name, columns, rows: section.table.rows, widths } as Sheet<unknown>);
    }
  }
  return tablesToXlsx(sheets, { name: words.explanationSheet, lines: [words.title(doc.familyCode), words.made(words.date(doc.madeOn)), '', ...words.explanation] }, createdAt);
}
