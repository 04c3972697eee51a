// CI gate: runs @doyensec/electronegativity on electron/ and fails on findings for context
// isolation, sandbox, node integration, web security, navigation and permission handlers.
// The tool exits 0 whatever it finds, so its CSV report is read instead. A deliberately insecure
// canary is scanned in the same run: if the tool stops finding those, the gate fails too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
const ENFORCED = new Set([
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'WEB_SECURITY_HTML_CHECK',
  'ALLOW_RUNNING_INSECURE_CONTENT_JS_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
  'LIMIT_NAVIGATION_JS_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'PERMISSION_REQUEST_HANDLER_JS_CHECK',
]);
// What the canary must trigger (the tool's file-level checks for our window options).
const CANARY_EXPECTED = ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'];

function scan(input) {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const output = join(dir, 'report.csv');
  try {
    const cli = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
    const run = spawnSync(process.execPath, [cli, '-i', input, '-o', output, '-r', '-e', ELECTRON_VERSION], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`electronegativity liep niet: ${run.stderr || run.error}`);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    if (!lines[0]?.startsWith('issue,')) throw new Error('electronegativity schreef geen rapport.');
    return lines.slice(1).map((line) => {
      const [issue, , , file, location] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
      return { issue, file, location };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const target = resolve(ROOT, args[0] ?? 'electron');
const findings = scan(target).filter((finding) => ENFORCED.has(finding.issue));
const canary = new Set(scan(join(ROOT, 'scripts/electronegativity-canary')).map((finding) => finding.issue));
const blind = CANARY_EXPECTED.filter((issue) => !canary.has(issue));

if (blind.length) {
  console.error(`electronegativity vond in het kanarie-bestand niet: ${blind.join(', ')}; de controle werkt niet.`);
  process.exit(1);
}
if (findings.length) {
  console.error(`electronegativity: ${findings.length} bevinding(en) in ${target}:`);
  for (const finding of findings) console.error(`  ${finding.issue} ${finding.file}:${finding.location}`);
  process.exit(1);
}
console.log(`electronegativity in orde: geen bevindingen voor ${ENFORCED.size} controles in ${target}.`);
