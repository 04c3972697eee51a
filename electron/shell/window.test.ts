import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, lockDownNavigation, mainWindowOptions } from './window';

describe('mainWindowOptions', () => {
  it('isolates the renderer completely', () => {
    const prefs = mainWindowOptions('/p/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: (() => { action: string }) | null = null;
  return {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: () => { action: string }) => (openHandler = handler),
    /** Returns true when the navigation was blocked. */
    navigate(name: string, url: string) {
      const preventDefault = vi.fn();
      listeners.get(name)!({ preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    },
    open: () => openHandler!(),
  };
}

describe('lockDownNavigation', () => {
  const hostile = [
    'https://evil.example/',
    'http://127.0.0.1:3000/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://afstemming.evil/',
    'app://afstemming@evil.example/',
    'app://user:pw@afstemming/',
    'app://evil/afstemming',
    'data:text/html,<script>1</script>',
    'not a url',
  ];
  it.each(hostile)('blocks navigation and redirects to %s', (url) => {
    const contents = fakeContents();
    lockDownNavigation(contents as never);
    expect(contents.navigate('will-navigate', url)).toBe(true);
    expect(contents.navigate('will-redirect', url)).toBe(true);
  });

  it('allows the app itself', () => {
    const contents = fakeContents();
    lockDownNavigation(contents as never);
    expect(contents.navigate('will-navigate', 'app://afstemming/index.html#/families')).toBe(false);
  });

  it('denies window.open and webviews', () => {
    const contents = fakeContents();
    lockDownNavigation(contents as never);
    expect(contents.open()).toEqual({ action: 'deny' });
    expect(contents.navigate('will-attach-webview', '')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
      setDevicePermissionHandler: (h: never) => (device = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request!(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });
});
