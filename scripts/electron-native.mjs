// Builds better-sqlite3 for Electron's ABI into native/electron/<version>/, leaving the Node build in
// node_modules alone, so `npm start` and `npm test` can follow each other in any order.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join('native', 'electron', electronVersion, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'afstemming-sqlite-electron-'));
console.log(`better-sqlite3 bouwen voor Electron ${electronVersion} (eenmalig, ongeveer een minuut)…`);
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Klaar: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
