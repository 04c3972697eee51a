import { describe, expect, it } from 'vitest';
import { PdfCanvas, pdfSafe } from './pdf-canvas';

describe('pdfSafe', () => {
  it('keeps Dutch text and spells out what the standard fonts cannot print', () => {
    expect(pdfSafe('Coöperatie – één café ‘x’ € 5')).toBe('Coöperatie – één café ‘x’ € 5');
    expect(pdfSafe('score ≥ 7 → sensitief, −1')).toBe('score >= 7 -> sensitief, -1');
    expect(pdfSafe('emoji 🙂 en 中')).toBe('emoji ? en ?');
  });
});

describe('PdfCanvas', () => {
  it('makes a PDF with numbered pages', async () => {
    const canvas = await PdfCanvas.create({ title: 'Test', subject: 'test', createdAt: new Date('2026-01-01T00:00:00Z') });
    canvas.heading('Kop', 1);
    canvas.table([{ header: 'a', width: 100 }], Array.from({ length: 120 }, (_, i) => [`rij ${i}`]));
    canvas.footer('voet');
    const bytes = await canvas.finish();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
  });
});
