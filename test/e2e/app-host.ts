import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;
const URL_LINES = new RegExp(URL_LINE.source, 'g');

/** The real browser-mode host (`npm run web` without the build step) in a child process. */
export class AppHost {
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private output = '';
  /** The first one-time link of this run; every further browser context needs `newLink()`. */
  url = '';

  /** `extraArgs`: more flags for the CLI, e.g. `--meeting-address 127.0.0.2` for the intervisie on loopback. */
  constructor(
    dataDir = mkdtempSync(join(tmpdir(), 'afstemming-e2e-')),
    private readonly extraArgs: string[] = [],
  ) {
    this.dataDir = dataDir;
  }

  async start(): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', '--data', this.dataDir, '--port', '0', ...this.extraArgs], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    this.child = child;
    this.output = '';
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.url = await new Promise<string>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${this.output}`)), 30_000);
      const onData = () => {
        const match = URL_LINE.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolvePromise(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited with ${code}:\n${this.output}`));
      });
    });
    return this.url;
  }

  /** Another one-time link, asked for the way a person does: Enter in the host's terminal. */
  async newLink(): Promise<string> {
    const child = this.child;
    if (!child) throw new Error('host is not running');
    const seen = [...this.output.matchAll(URL_LINES)].length;
    child.stdin!.write('\n');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const links = [...this.output.matchAll(URL_LINES)];
      if (links.length > seen) return links.at(-1)![1]!;
      if (Date.now() > deadline) throw new Error(`no new link:\n${this.output}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    this.child = null;
  }

  /**
   * Rows written straight into the database for tests that are not about how they are made (real
   * video imports, a whole team's scores): the host stops, `fill` runs in one transaction, the host
   * starts again on the same folder. Returns the new one-time link.
   */
  async reseed(fill: (db: Database.Database) => void): Promise<string> {
    await this.stop();
    const db = new Database(join(this.dataDir, 'afstemming.sqlite'));
    try {
      db.pragma('foreign_keys = ON');
      db.transaction(() => fill(db))();
    } finally {
      db.close();
    }
    return this.start();
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
