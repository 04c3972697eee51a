// The only module that knows pdfkit: the reports draw with these few primitives in points
// (1/72 inch) on A4, and get bytes back.
import type PDFKitModule from 'pdfkit';

// pdfkit is loaded from node_modules at run time, never bundled: its ES build finds its own font
// and colour-profile files through import.meta.url, which the CommonJS bundle of the Electron main
// process does not have (bundled, it throws on load and takes the whole app down). A specifier
// that is not a literal is what keeps esbuild from pulling it in.
const PDFKIT = ['pdf', 'kit'].join('');
let pdfkit: Promise<typeof PDFKitModule> | null = null;
function loadPdfKit(): Promise<typeof PDFKitModule> {
  pdfkit ??= (import(PDFKIT) as Promise<{ default?: typeof PDFKitModule } & typeof PDFKitModule>).then((module) => module.default ?? module);
  return pdfkit;
}

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 50;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** Keep the cursor where it was (for labels inside charts). */
  fixed?: boolean;
}

export interface StrokeStyle {
  color?: string;
  width?: number;
  dash?: number;
  opacity?: number;
}

export interface FillStyle {
  color: string;
  opacity?: number;
}

// The standard PDF fonts only know Windows-1252. Characters outside it would print as garbage,
// so the few the reports use are spelled out and anything else becomes '?'.
const REPLACEMENTS: Record<string, string> = { '≥': '>=', '≤': '<=', '→': '->', '−': '-', '≈': '~', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ' };
const WIN_1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else if (code === 10 || (code >= 32 && code < 127) || (code >= 160 && code <= 255) || WIN_1252_EXTRA.has(char)) out += char;
    else out += '?';
  }
  return out;
}

export class PdfCanvas {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  readonly left = MARGIN;
  readonly right = A4.width - MARGIN;
  readonly bottom = A4.height - MARGIN;

  /** A new A4 document; async because pdfkit is loaded on first use. */
  static async create(info: { title: string; subject: string; createdAt: Date }): Promise<PdfCanvas> {
    return new PdfCanvas(await loadPdfKit(), info);
  }

  private constructor(PDFDocument: typeof PDFKitModule, info: { title: string; subject: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: pdfSafe(info.title), Subject: pdfSafe(info.subject), Author: 'Afstemming', Creator: 'Afstemming', CreationDate: info.createdAt },
      lang: 'nl-NL',
      displayTitle: true,
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get width(): number {
    return this.right - this.left;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = MARGIN;
  }

  /** Flowing text from the cursor (or at x, y) that wraps within the width. */
  text(text: string, style: TextStyle = {}, at?: { x: number; y: number }): void {
    const x = at?.x ?? this.left;
    const y = at?.y ?? this.doc.y;
    const before = { x: this.doc.x, y: this.doc.y };
    this.doc
      .font(style.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(style.size ?? 10)
      .fillColor(style.color ?? '#1d2733')
      .fillOpacity(1)
      .text(pdfSafe(text), x, y, { width: style.width ?? this.right - x, align: style.align ?? 'left', lineGap: 1.5 });
    if (style.fixed) {
      this.doc.x = before.x;
      this.doc.y = before.y;
    } else {
      this.doc.x = this.left;
    }
  }

  heading(text: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? 18 : level === 2 ? 13.5 : 11;
    // Never leave a heading alone at the foot of a page: keep room for a few lines after it.
    this.ensureSpace(size * 3 + 50);
    if (level > 1) this.space(level === 2 ? 10 : 6);
    this.text(text, { size, bold: true });
    this.space(3);
  }

  space(points: number): void {
    this.doc.y += points;
  }

  textWidth(text: string, size: number, bold = false): number {
    return this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).widthOfString(pdfSafe(text));
  }

  textHeight(text: string, size: number, width: number, bold = false): number {
    return this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).heightOfString(pdfSafe(text), { width, lineGap: 1.5 });
  }

  line(x1: number, y1: number, x2: number, y2: number, style: StrokeStyle = {}): void {
    this.polyline(
      [
        [x1, y1],
        [x2, y2],
      ],
      style,
    );
  }

  polyline(points: readonly (readonly [number, number])[], style: StrokeStyle = {}): void {
    const [first, ...rest] = points;
    if (!first) return;
    this.doc.save();
    this.doc.moveTo(first[0], first[1]);
    for (const [x, y] of rest) this.doc.lineTo(x, y);
    this.stroke(style);
    this.doc.restore();
  }

  rect(x: number, y: number, width: number, height: number, fill?: FillStyle, stroke?: StrokeStyle): void {
    this.doc.save();
    this.doc.rect(x, y, width, height);
    this.paint(fill, stroke);
    this.doc.restore();
  }

  polygon(points: readonly (readonly [number, number])[], fill: FillStyle): void {
    if (points.length < 3) return;
    this.doc.save();
    this.doc.polygon(...points.map(([x, y]) => [x, y]));
    this.paint(fill, undefined);
    this.doc.restore();
  }

  circle(x: number, y: number, radius: number, fill?: FillStyle, stroke?: StrokeStyle): void {
    this.doc.save();
    this.doc.circle(x, y, radius);
    this.paint(fill, stroke);
    this.doc.restore();
  }

  /** A small table: header row in bold, thin rules, page breaks repeat the header. */
  table(columns: { header: string; width: number; align?: 'left' | 'right' }[], rows: string[][], size = 8.5): void {
    const padding = 3;
    const tableWidth = columns.reduce((sum, column) => sum + column.width, 0);
    const rowHeight = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((cell, i) => this.textHeight(cell, size, (columns[i]?.width ?? 50) - 2 * padding, bold))) + 2 * padding;
    const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
      const height = rowHeight(cells, bold);
      if (this.doc.y + height > this.bottom) {
        this.newPage();
        if (!bold) drawRow(columns.map((column) => column.header), true, true);
      }
      const top = this.doc.y;
      if (shade) this.rect(this.left, top, tableWidth, height, { color: '#eef2f5' });
      let x = this.left;
      cells.forEach((cell, i) => {
        const column = columns[i];
        if (!column) return;
        this.text(cell, { size, bold, width: column.width - 2 * padding, align: column.align ?? 'left', fixed: true }, { x: x + padding, y: top + padding });
        x += column.width;
      });
      this.line(this.left, top + height, this.left + tableWidth, top + height, { color: '#d5dbe2', width: 0.5 });
      this.doc.y = top + height;
    };
    drawRow(
      columns.map((column) => column.header),
      true,
      true,
    );
    for (const row of rows) drawRow(row, false, false);
    this.doc.x = this.left;
  }

  /** Page numbers and a line on every page, written once all pages exist. */
  footer(text: string, words: { page: string; of: string } = { page: 'pagina', of: 'van' }): void {
    const range = this.doc.bufferedPageRange();
    for (let page = range.start; page < range.start + range.count; page++) {
      this.doc.switchToPage(page);
      // Writing below the bottom margin would make pdfkit start a new page.
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font('Helvetica')
        .fontSize(7.5)
        .fillColor('#5b6673')
        .fillOpacity(1)
        .text(pdfSafe(`${text} · ${words.page} ${page - range.start + 1} ${words.of} ${range.count}`), this.left, A4.height - MARGIN + 18, { width: this.width, align: 'center', lineBreak: false });
      this.doc.page.margins.bottom = bottomMargin;
    }
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }

  private stroke(style: StrokeStyle): void {
    this.doc.lineWidth(style.width ?? 1).strokeColor(style.color ?? '#1d2733').strokeOpacity(style.opacity ?? 1);
    if (style.dash) this.doc.dash(style.dash, { space: style.dash });
    else this.doc.undash();
    this.doc.stroke();
  }

  private paint(fill: FillStyle | undefined, stroke: StrokeStyle | undefined): void {
    if (fill) this.doc.fillColor(fill.color).fillOpacity(fill.opacity ?? 1);
    if (stroke) {
      this.doc.lineWidth(stroke.width ?? 1).strokeColor(stroke.color ?? '#1d2733').strokeOpacity(stroke.opacity ?? 1);
      if (stroke.dash) this.doc.dash(stroke.dash, { space: stroke.dash });
      else this.doc.undash();
    }
    if (fill && stroke) this.doc.fillAndStroke();
    else if (fill) this.doc.fill();
    else if (stroke) this.doc.stroke();
  }
}
