import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApi, type Api } from '../../../shared/api/client';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../migrations');

export function tempDir(prefix = 'afstemming-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestBackend {
  backend: Backend;
  /** The typed client over the real dispatch, exactly as the UI uses it. */
  api: Api;
  dataDir: string;
  close(): void;
}

/** A real back end on a real SQLite file in a fresh temporary folder. */
export function startTestBackend(dataDir = tempDir().path): TestBackend {
  const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', onInternalError: () => undefined });
  const api = createApi({ call: (method, input) => backend.dispatch(method, input), on: () => () => undefined });
  return {
    backend,
    api,
    dataDir,
    close: () => {
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates the first coordinator and makes them the active rater. */
export async function withCoordinator(api: Api, name = 'Coördinator Test') {
  const rater = await api.call('raters.create', { name, initials: 'CT', role: 'coordinator' });
  await api.call('session.selectRater', { raterId: rater.id });
  return rater;
}
