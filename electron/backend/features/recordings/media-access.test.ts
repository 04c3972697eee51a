import { describe, expect, it } from 'vitest';
import { parseMediaPath } from './media-access';

describe('parseMediaPath', () => {
  it('accepts only recording ids', () => {
    expect(parseMediaPath('/media/12')).toEqual({ recordingId: 12, kind: 'video', index: 0 });
    expect(parseMediaPath('/media/12/sprite/3')).toEqual({ recordingId: 12, kind: 'sprite', index: 3 });
    expect(parseMediaPath('/media/12/peaks')).toEqual({ recordingId: 12, kind: 'peaks', index: 0 });
  });
  it.each(['/media/../x', '/media/%2e%2e/x', '/media//etc/passwd', '/media/0', '/media/12%00', '/media/1/../../x', '/media/-1', '/media/abc', '/media/12/sprite/../../x'])(
    'refuses %s',
    (path) => expect(parseMediaPath(path)).toBeNull(),
  );
});
