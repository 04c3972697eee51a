import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAgreementCommand } from './agreement-command';

// `npm run agreement` runs scripts from the package root; INIT_CWD is where the user typed the
// command, which is what a relative file name means to them.
const userDirectory =
  process.env['npm_lifecycle_event'] === 'agreement' ? (process.env['INIT_CWD'] ?? process.cwd()) : process.cwd();

try {
  const outcome = runAgreementCommand(process.argv.slice(2), {
    readFile: (path) => readFileSync(path),
    resolvePath: (path) => resolve(userDirectory, path),
  });
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.exitCode;
} catch (error) {
  process.stderr.write(`Interne fout: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
