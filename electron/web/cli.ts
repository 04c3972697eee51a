import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend, type Backend } from '../backend/create-backend';
import { startLanHost } from './lan-host';
import { defaultDataDir } from './data-dir';
import { startWebHost } from './web-host';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    // The intervisie on the network: its port (kept per install, so a firewall rule stays valid) and,
    // for trying it on one machine, an extra loopback address to offer (e.g. 127.0.0.2).
    'meeting-port': { type: 'string' },
    'meeting-address': { type: 'string', multiple: true },
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

const meetingPort = values['meeting-port'] === undefined ? undefined : Number(values['meeting-port']);
if (meetingPort !== undefined && (!Number.isInteger(meetingPort) || meetingPort < 0 || meetingPort > 65535)) {
  console.error(`Ongeldige poort voor de intervisie: ${values['meeting-port']}`);
  process.exit(2);
}
const extraAddresses = values['meeting-address'] ?? [];
for (const address of extraAddresses) {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '127.0.0.1') {
    console.error(`--meeting-address is alleen voor een tweede adres op deze computer (127.x.x.x, niet 127.0.0.1): ${address}`);
    process.exit(2);
  }
}

try {
  const staticDir = resolve(projectRoot, 'renderer/dist');
  let backendRef: Backend | null = null;
  const backend = createBackend({
    dataDir,
    migrationsDir: resolve(projectRoot, 'migrations'),
    appVersion,
    ports: { openMeetingListener: (options) => startLanHost({ ...options, backend: backendRef!, staticDir }) },
    meeting: { ...(meetingPort !== undefined ? { port: meetingPort } : {}), extraAddresses },
  });
  backendRef = backend;
  const host = await startWebHost({ backend, staticDir, port });
  console.log(`Afstemming (browsermodus) draait. Gegevensmap: ${dataDir}`);
  console.log(`Open in uw browser (deze link werkt één keer): ${host.url}`);
  console.log('Druk op Enter voor een nieuwe link (een tweede browser, of als uw sessie verlopen is).');
  process.stdin.on('data', () => console.log(`Nieuwe link (werkt één keer): ${host.newLink()}`));
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
