import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/create-backend';
import { defaultDataDir } from './data-dir';
import { startWebHost } from './web-host';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
  },
  strict: true,
});

const dataDir = resolve(values.data ?? defaultDataDir(process.platform, process.env, homedir()));
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Ongeldige poort: ${values.port}`);
  process.exit(2);
}

const appVersion = (JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

try {
  const backend = createBackend({ dataDir, migrationsDir: resolve(projectRoot, 'migrations'), appVersion });
  const host = await startWebHost({ backend, staticDir: resolve(projectRoot, 'renderer/dist'), port });
  console.log(`Afstemming (browsermodus) draait. Gegevensmap: ${dataDir}`);
  console.log(`Open in uw browser: ${host.url}`);
  const stop = () => {
    void host.close().then(() => {
      backend.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`Afstemming kon niet starten: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
