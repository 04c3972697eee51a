import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApi, type Api } from '../../../shared/api/client';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/create-backend';
import type { Rater } from '../../../shared/domain/entities';
import type { Envelope } from '../../../shared/api/envelope';
import type { CallerSession } from '../../../electron/backend/features/session/session-registry';
import type { RaterRole } from '../../../shared/domain/vocabulary';

/** Every test profile ends up with this PIN (long enough for the coordinator role too). */
export const TEST_PIN = '2468-1357';
/** What a coordinator hands out; the new rater replaces it at the first sign-in. */
export const START_PIN = '9753-8642';
/** scrypt N = 2^10 keeps hundreds of sign-ins fast; secret-hash.test.ts checks the real default. */
export const TEST_SECRET_COST = 10;

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../migrations');

export function tempDir(prefix = 'afstemming-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestBackend {
  backend: Backend;
  /** The typed client over the real dispatch, exactly as the UI uses it, in one caller's session. */
  api: Api;
  /** The session `api` and `dispatch` call in: one window on this computer. */
  caller: CallerSession;
  /** The raw dispatch in that session (for hostile input the typed client would not compile). */
  dispatch(method: unknown, input: unknown): Promise<Envelope<unknown>>;
  dataDir: string;
  close(): void;
}

export interface LocalClient {
  api: Api;
  caller: CallerSession;
  dispatch(method: unknown, input: unknown): Promise<Envelope<unknown>>;
}

/** A new window on this computer: its own session, signed in as nobody yet. */
export function localClient(backend: Backend, device = 'testvenster'): LocalClient {
  const caller = backend.services.sessions.open({ scope: { kind: 'workstation' }, address: null, device });
  // Follows a session that was replaced at sign-in or sign-out, as the transports do with their cookie.
  const current = () => {
    let session = caller;
    while (session.replacedBy) session = session.replacedBy;
    return session;
  };
  const dispatch = (method: unknown, input: unknown) => backend.dispatch(method, input, current());
  return {
    api: createApi({ call: dispatch, on: () => () => undefined }),
    get caller() {
      return current();
    },
    dispatch,
  };
}

/** A real back end on a real SQLite file in a fresh temporary folder. */
export function startTestBackend(dataDir = tempDir().path, options: Partial<BackendOptions> = {}): TestBackend {
  const backend = createBackend({
    dataDir,
    migrationsDir: MIGRATIONS_DIR,
    appVersion: '0.0.0-test',
    onInternalError: () => undefined,
    secretCost: TEST_SECRET_COST,
    ...options,
  });
  const client = localClient(backend);
  return {
    backend,
    api: client.api,
    get caller() {
      return client.caller;
    },
    dispatch: client.dispatch,
    dataDir,
    close: () => {
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates the first coordinator and makes them the active rater. */
export async function withCoordinator(api: Api, name = 'Coördinator Test') {
  const rater = await api.call('raters.create', { name, initials: 'CT', role: 'coordinator', pin: TEST_PIN });
  await api.call('session.selectRater', { raterId: rater.id, pin: TEST_PIN });
  return rater;
}

/** Signs in as a test profile (all of them use TEST_PIN), the way switching rater works in the app. */
export function signInAs(api: Api, raterId: number) {
  return api.call('session.selectRater', { raterId, pin: TEST_PIN });
}

/**
 * What a coordinator does to add someone, then what that person does at their first sign-in
 * (replace the start PIN); afterwards whoever was signed in is signed in again.
 */
export async function createRater(api: Api, input: { name: string; initials: string; role: RaterRole }): Promise<Rater> {
  const before = await api.call('session.get', {});
  const rater = await api.call('raters.create', { ...input, pin: START_PIN });
  await api.call('session.selectRater', { raterId: rater.id, pin: START_PIN });
  await api.call('session.changePin', { currentPin: START_PIN, newPin: TEST_PIN });
  if (before.rater) await signInAs(api, before.rater.id);
  return rater;
}
