import { describe, expect, it } from 'vitest';
import { attachmentHeader, parseDownloadPath } from './export-download';

describe('parseDownloadPath', () => {
  it('accepts a positive job id only', () => {
    expect(parseDownloadPath('/downloads/12')).toBe(12);
  });
  it.each(['/downloads/0', '/downloads/-1', '/downloads/1.5', '/downloads/abc', '/downloads/12/', '/downloads/..%2f1', '/downloads/1%00', '/downloads/', '/downloads/99999999999999999', '/media/1'])(
    'refuses %s',
    (path) => expect(parseDownloadPath(path)).toBeNull(),
  );
});

describe('attachmentHeader', () => {
  it('gives an ASCII name and the exact UTF-8 one', () => {
    expect(attachmentHeader('OB-26-001_2026-03-01_feedbackfilm.mp4')).toBe(
      `attachment; filename="OB-26-001_2026-03-01_feedbackfilm.mp4"; filename*=UTF-8''OB-26-001_2026-03-01_feedbackfilm.mp4`,
    );
    expect(attachmentHeader(`één "x"'.mp4`)).toBe(`attachment; filename="__n__x__.mp4"; filename*=UTF-8''%C3%A9%C3%A9n%20%22x%22%27.mp4`);
  });
});
