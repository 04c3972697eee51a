import { describe, expect, it, vi } from 'vitest';
import { pickFolder } from './dialogs';

describe('pickFolder', () => {
  it('asks for one folder (a new one may be made) and returns its path', async () => {
    const showOpenDialog = vi.fn().mockResolvedValue({ canceled: false, filePaths: ['/media/usb/back-ups'] });
    await expect(pickFolder({ showOpenDialog } as never, null)).resolves.toBe('/media/usb/back-ups');
    expect(showOpenDialog.mock.calls[0]![0].properties).toEqual(['openDirectory', 'createDirectory']);
  });

  it('returns null when cancelled', async () => {
    const showOpenDialog = vi.fn().mockResolvedValue({ canceled: true, filePaths: [] });
    await expect(pickFolder({ showOpenDialog } as never, null)).resolves.toBeNull();
  });
});
