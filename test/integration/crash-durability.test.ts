import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/backend/create-backend';
import { tempDir } from './support/temp-backend';

const WRITER = resolve(import.meta.dirname, 'support/crash-writer.ts');
const ROUNDS = 20;
const dir = tempDir('afstemming-crash-');
afterAll(() => dir.remove());

/** Runs the writer, kills it with SIGKILL after a random delay, returns the codes it confirmed. */
function runAndKill(startAt: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir.path, String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const confirmed: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('ok ')) confirmed.push(line.slice(3));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(confirmed);
      else reject(new Error(`writer ended without being killed: ${stderr}`));
    });
  });
}

describe('durability under SIGKILL', () => {
  it(`never loses a confirmed change and never corrupts the database (${ROUNDS} kills)`, async () => {
    const allConfirmed: string[] = [];
    let next = 1;
    for (let round = 0; round < ROUNDS; round += 1) {
      const confirmed = await runAndKill(next * 1000, 20 + Math.floor(Math.random() * 300));
      allConfirmed.push(...confirmed);
      next += 1;

      const db = new Database(join(dir.path, DATABASE_FILE));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('SELECT code FROM families').all() as { code: string }[]).map((r) => r.code));
      const missing = allConfirmed.filter((code) => !stored.has(code));
      expect(missing).toEqual([]);
      // A family is never there without the visit that was confirmed with it in the same run.
      const orphans = db
        .prepare(`SELECT f.code FROM families f WHERE NOT EXISTS (SELECT 1 FROM caregivers c WHERE c.family_id = f.id)`)
        .all();
      expect(orphans).toEqual([]);
      db.close();
    }
    expect(allConfirmed.length).toBeGreaterThan(ROUNDS);
  }, 240_000);
});
