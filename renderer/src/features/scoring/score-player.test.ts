import { describe, expect, it } from 'vitest';
import type { PlayerMedia } from '../../../../shared/domain/entities';
import { scorePlayerView } from './score-player';

const media: PlayerMedia = {
  recordingId: 42,
  playable: true,
  mediaVersion: 'proxy v2/ä',
  durationMs: 20_000,
  fpsNum: 30_000,
  fpsDen: 1001,
  width: 640,
  height: 360,
  sprite: { intervalS: 2, columns: 5, rows: 2, tileWidth: 160, tileHeight: 90, count: 10, sheets: 1 },
  hasPeaks: true,
};

describe('the clip on the score page', () => {
  it('plays the current version from the media source, with its sprite, waveform and frame rate', () => {
    const view = scorePlayerView(media);
    if (view.kind !== 'ready') throw new Error(`expected a player, got ${view.kind}`);
    expect(view.src).toBe('/media/42?v=proxy%20v2%2F%C3%A4');
    expect(view.spriteUrl(0)).toBe('/media/42/sprite/0');
    expect(view.peaksUrl).toBe('/media/42/peaks');
    expect(view.rate).toEqual({ num: 30_000, den: 1001 });
    expect([view.durationMs, view.width, view.height]).toEqual([20_000, 640, 360]);
    expect(view.sprite).toBe(media.sprite);
  });

  it('has no waveform URL before the peaks exist', () => {
    const view = scorePlayerView({ ...media, hasPeaks: false });
    expect(view.kind === 'ready' && view.peaksUrl).toBeNull();
  });

  it('waits while no playable version exists or the clip has no length or frame rate yet', () => {
    expect(scorePlayerView({ ...media, playable: false }).kind).toBe('waiting');
    expect(scorePlayerView({ ...media, durationMs: 0 }).kind).toBe('waiting');
    expect(scorePlayerView({ ...media, fpsNum: 0 }).kind).toBe('waiting');
  });

  it('says the clip plays elsewhere when the sheet carries no media (a device in the intervisie)', () => {
    expect(scorePlayerView(null)).toEqual({ kind: 'elsewhere' });
  });

  it('passes on only what the player needs, whatever else the media object carries', () => {
    const leaky = { ...media, familyCode: 'OB-26-001', recordedOn: '2026-03-01', moment: 'voormeting' } as PlayerMedia;
    const text = JSON.stringify(scorePlayerView(leaky));
    for (const secret of ['OB-26-001', '2026-03-01', 'voormeting']) expect(text).not.toContain(secret);
  });
});
