// Grep gates the compiler cannot express:
// - the back end (and browser-mode host) never imports 'electron';
// - no child_process exec/execSync or shell: true anywhere (argument arrays only);
// - no grab-bag folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.cache', 'release'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (['utils', 'helpers', 'common'].includes(name)) problems.push(`${relative(root, path)}: no grab-bag folders (utils/helpers/common)`);
      yield* files(path);
    } else if (/\.(ts|tsx|mjs|cjs|js)$/.test(name)) yield path;
  }
}

const importsElectron = /(from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;
const shellExec = [
  /import\s*\{[^}]*\b(exec|execSync)\b[^}]*\}\s*from\s*['"](node:)?child_process['"]/,
  /(child_process|childProcess|cp)\.(exec|execSync)\s*\(/,
  /shell\s*:\s*true/,
];

for (const dir of ['electron', 'shared', 'renderer/src', 'scripts', 'test']) {
  for (const path of files(join(root, dir))) {
    const rel = relative(root, path);
    const text = readFileSync(path, 'utf8');
    const isBackend = rel.startsWith('electron/backend/') || rel.startsWith('electron/web/') || rel.startsWith('shared/') || rel.startsWith('renderer/');
    if (isBackend && importsElectron.test(text)) problems.push(`${rel}: must not import 'electron'`);
    if (rel !== 'scripts/check-boundaries.mjs' && shellExec.some((pattern) => pattern.test(text.replace(/\/\/.*$/gm, '')))) {
      problems.push(`${rel}: use spawn/execFile with an argument array, never exec or shell: true`);
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('Grenzen in orde: geen electron in de back end, geen shell-aanroepen.');
