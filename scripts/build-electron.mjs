// Bundles the Electron main process and the preload into dist/electron/ (CommonJS, as Electron loads it).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'info',
  external: ['electron', 'better-sqlite3', 'fluent-ffmpeg', 'ffmpeg-static'],
};

// Dependencies stay in node_modules (electron-builder ships the production ones); only our code is bundled.
await build({ ...common, entryPoints: ['electron/shell/main.ts'], outfile: 'dist/electron/main.cjs', packages: 'external' });
// A sandboxed preload can only require('electron'): everything else must be inside the bundle.
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'], minify: true });
