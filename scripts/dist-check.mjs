// Packaging check (`npm run dist:check`, after `npm run build`): packs the unpacked Linux app with
// electron-builder exactly as `npm run dist` would, then opens the result and verifies that every
// production dependency and better-sqlite3's native module are inside and load, and that the fuses
// and asar settings are the ones in electron-builder.yml. Why: a packaging trial from a symlinked
// node_modules once silently dropped most production dependencies, and electron-builder only logs that.
//
// This machine cannot download Electron, so the package is built on a stand-in Electron folder
// (electronDist): an `electron` shell script that runs this Node and carries a real fuse wire, so
// electron-builder's fuse flip runs for real and is read back. Like the electronegativity gate, a
// canary package is built in the same run with a dependency left out, the .node files left inside
// the asar and one fuse set the other way: if the check stops reporting those, it fails too.
//
// Usage: node scripts/dist-check.mjs [--keep]   (--keep leaves the temporary folder for inspection)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
// electron-builder's own copies of asar, fuses and the YAML reader: the same code that built the package reads it.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const asar = builderRequire('@electron/asar');
const { FuseV1Options, getCurrentFuseWire } = builderRequire('@electron/fuses');
// SENTINEL is the string @electron/fuses looks for in the binary; the wire follows it.
const { FuseState, SENTINEL } = builderRequire('@electron/fuses/dist/constants.js');
const yaml = builderRequire('js-yaml');

const FUSE_WIRE_VERSION = 1;
const FUSE_COUNT = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))).length;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const builderConfig = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

/** electron-builder.yml's camelCase fuse keys, as the index into the fuse wire. */
function fuseIndex(key) {
  const index = FuseV1Options[key[0].toUpperCase() + key.slice(1)];
  if (typeof index !== 'number') throw new Error(`electron-builder.yml: unknown fuse "${key}"`);
  return index;
}
const configuredFuses = Object.entries(builderConfig.electronFuses ?? {})
  .filter(([key]) => key !== 'resetAdHocDarwinSignature') // a macOS signing option, not a fuse
  .map(([key, enabled]) => ({ key, index: fuseIndex(key), enabled }));

// ---------------------------------------------------------------------------------------------
// What must be inside: the production dependency tree as installed (name@version, and who needs it).

function findPackageDir(name, fromDir, stopAt) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === stopAt || dirname(dir) === dir) return null;
  }
}

function productionDependencies() {
  const expected = new Map(); // "name@version" -> { name, version, neededBy }
  const problems = [];
  const seen = new Set();
  const visit = (dir, manifest, who) => {
    // Peer dependencies count too: the package relies on its parent to provide them, and
    // electron-builder ships only what some package.json lists under dependencies.
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => !manifest.peerDependenciesMeta?.[name]?.optional);
    const wanted = [
      ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...peers.map((name) => ({ name, optional: true, peer: true })),
    ];
    for (const { name, optional, peer } of wanted) {
      const found = findPackageDir(name, dir, ROOT);
      if (!found) {
        if (!optional) problems.push(`${name} (needed by ${who}) is not installed in node_modules: run npm ci first`);
        continue;
      }
      const child = JSON.parse(readFileSync(join(found, 'package.json'), 'utf8'));
      const id = `${child.name}@${child.version}`;
      if (!expected.has(id)) expected.set(id, { name: child.name, version: child.version, neededBy: peer ? `${who} as a peer dependency` : who });
      if (seen.has(found)) continue;
      seen.add(found);
      visit(found, child, id);
    }
  };
  visit(ROOT, pkg, 'package.json');
  return { expected, problems };
}

// ---------------------------------------------------------------------------------------------
// The stand-in Electron and the build.

/** A shell script that runs this Node, with a fuse wire whose every configured fuse is the opposite of electron-builder.yml. */
function makeStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const states = Array.from({ length: FUSE_COUNT }, () => FuseState.DISABLE);
  for (const { index, enabled } of configuredFuses) states[index] = enabled ? FuseState.DISABLE : FuseState.ENABLE;
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([FUSE_WIRE_VERSION, FUSE_COUNT, ...states])]);
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for Electron in scripts/dist-check.mjs; its fuse wire: '),
    wire,
    Buffer.from(`\nexec '${process.execPath.replaceAll("'", `'\\''`)}' "$@"\n`),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  // What an Electron zip holds beside the binary that electron-builder moves or reads.
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license (dist-check only).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>Stand-in (dist-check only).</p>\n');
}

async function buildPackage(work, name, configOverrides) {
  const { build, Platform } = await import('electron-builder');
  const output = join(work, name);
  const config = {
    ...builderConfig,
    ...configOverrides,
    directories: { ...builderConfig.directories, output },
    electronDist: join(work, 'electron-dist'),
    electronVersion,
    // npmRebuild would rebuild better-sqlite3 for Electron's ABI and needs Electron's headers from
    // the internet. Off here, so the package holds the Node build, which the stand-in (plain Node)
    // can load: that is what lets this check open a database with the packaged native module.
    npmRebuild: false,
  };
  // A config object would be merged over electron-builder.yml (arrays too); a file replaces it.
  const configFile = join(work, `${name}.electron-builder.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  await build({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir'), config: configFile });
  return join(output, 'linux-unpacked');
}

// ---------------------------------------------------------------------------------------------
// Verifying a built package. Returns the problems, each a sentence naming what is wrong.

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

async function verifyPackage(appOutDir, work) {
  const problems = [];
  const resources = join(appOutDir, 'resources');
  const archive = join(resources, 'app.asar');
  const unpackedRoot = `${archive}.unpacked`;

  // asar: true — the app is one archive, not a folder.
  if (!existsSync(archive)) return [`resources/app.asar is missing in ${appOutDir}: asar must be on (electron-builder.yml asar: true)`];
  if (existsSync(join(resources, 'app'))) problems.push('resources/app/ exists beside app.asar: the app is not only in the asar');

  const files = new Set(asar.listPackage(archive).map((file) => file.split(sep).join('/')));
  const has = (path) => files.has(`/${path}`);

  // Our own files.
  for (const path of [pkg.main, 'dist/electron/preload.cjs', 'package.json', 'renderer/dist/index.html']) {
    if (!has(path)) problems.push(`${path} is not in app.asar`);
  }
  for (const migration of readdirSync(join(ROOT, 'migrations'))) {
    if (!has(`migrations/${migration}`)) problems.push(`migrations/${migration} is not in app.asar`);
  }
  const maps = [...files].filter((file) => file.startsWith('/dist/') && file.endsWith('.map'));
  if (maps.length) problems.push(`source maps are in app.asar although electron-builder.yml excludes them: ${maps.join(', ')}`);

  // Every production dependency, by name and version.
  const { expected, problems: installProblems } = productionDependencies();
  problems.push(...installProblems);
  const packaged = new Set();
  for (const file of files) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/.exec(file);
    if (!match) continue;
    try {
      const manifest = JSON.parse(asar.extractFile(archive, file.slice(1)).toString('utf8'));
      packaged.add(`${manifest.name}@${manifest.version}`);
    } catch {
      problems.push(`${file.slice(1)} in app.asar cannot be read`);
    }
  }
  const missing = [...expected].filter(([id]) => !packaged.has(id));
  for (const [id, { neededBy }] of missing) problems.push(`production dependency ${id} (needed by ${neededBy}) is not in the package`);

  // Native modules: every .node file must be unpacked (asarUnpack: **/*.node), and better-sqlite3's must be there.
  const nativeFiles = [...files].filter((file) => file.endsWith('.node'));
  for (const file of nativeFiles) {
    const entry = asar.statFile(archive, file.slice(1), false);
    if (!entry.unpacked) problems.push(`${file.slice(1)} is packed inside app.asar: a native module must be in app.asar.unpacked (asarUnpack: "**/*.node")`);
    else if (!existsSync(join(unpackedRoot, file.slice(1)))) problems.push(`${file.slice(1)} is marked unpacked but missing in app.asar.unpacked`);
  }
  const sqliteNative = nativeFiles.find((file) => /\/better-sqlite3\/build\/Release\/better_sqlite3\.node$/.test(file));
  if (!sqliteNative) problems.push('better-sqlite3/build/Release/better_sqlite3.node is not in the package');

  // Fuses: read back from the binary electron-builder flipped.
  const binaries = readdirSync(appOutDir)
    .map((name) => join(appOutDir, name))
    .filter((path) => statSync(path).isFile() && readFileSync(path).includes(SENTINEL));
  if (binaries.length !== 1) {
    problems.push(`expected one executable with a fuse wire in ${appOutDir}, found ${binaries.length}`);
    return problems;
  }
  const executable = binaries[0];
  const wire = await getCurrentFuseWire(executable);
  for (const { key, index, enabled } of configuredFuses) {
    const want = enabled ? FuseState.ENABLE : FuseState.DISABLE;
    if (wire[index] !== want) {
      problems.push(`fuse ${key} is ${wire[index] === FuseState.ENABLE ? 'on' : wire[index] === FuseState.DISABLE ? 'off' : `state ${wire[index]}`} in ${relative(appOutDir, executable)}, electron-builder.yml says ${enabled ? 'on' : 'off'}`);
    }
  }

  // Load: Node cannot read an asar, so extract it (unpacked files included) and require from there.
  const extracted = join(work, `extracted-${Date.now()}`);
  try {
    asar.extractAll(archive, extracted);
  } catch (error) {
    problems.push(`app.asar cannot be extracted: ${error.message}`);
    return problems;
  }
  // What the bundled main process requires at run time must be findable from the app root.
  const mainSource = readFileSync(join(extracted, pkg.main), 'utf8');
  const builtins = new Set(builtinModules);
  const mainRequires = new Set(
    [...mainSource.matchAll(/\brequire\("([^"]+)"\)/g)]
      .map(([, specifier]) => specifier)
      .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtins.has(specifier) && specifier !== 'electron')
      .map(packageNameOf),
  );
  for (const name of mainRequires) {
    if (!existsSync(join(extracted, 'node_modules', name, 'package.json'))) problems.push(`${pkg.main} requires ${name}, which is not in the package`);
  }
  // Every packaged package finds its own dependencies where Node looks for them.
  for (const manifestPath of [...files].filter((file) => /\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(file))) {
    const dir = join(extracted, dirname(manifestPath.slice(1)));
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue; // reported above
    }
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!findPackageDir(name, dir, extracted)) problems.push(`${name} (needed by ${manifest.name}@${manifest.version}) cannot be found from ${relative(extracted, dir)} in the package`);
    }
  }
  // Run the packaged executable (the stand-in runs Node; real Electron would refuse, runAsNode is off).
  const direct = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}).filter((name) => expected.has(`${name}@${findVersion(name)}`))];
  const loader = join(work, 'load-check.cjs');
  writeFileSync(loader, LOAD_CHECK);
  const run = spawnSync(executable, [loader, extracted, sqliteNative ? join(unpackedRoot, sqliteNative.slice(1)) : '', ...direct], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NODE_PATH: '' },
  });
  if (run.status !== 0) problems.push(`the load check did not run (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr.trim()}`);
  problems.push(...run.stdout.split('\n').filter(Boolean));
  return problems;
}

function findVersion(name) {
  const dir = findPackageDir(name, ROOT, ROOT);
  return dir ? JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version : null;
}

// Runs in the packaged executable; prints one line per failure, nothing when all is well.
const LOAD_CHECK = `'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');
const [root, sqliteNative, ...names] = process.argv.slice(2);
const appRequire = createRequire(join(root, 'package.json'));
(async () => {
  for (const name of names) {
    try {
      appRequire(name);
    } catch (error) {
      if (error.code !== 'ERR_REQUIRE_ESM') { console.log(name + ' does not load from the package: ' + error.message.split('\\n')[0]); continue; }
      try { await import(appRequire.resolve(name)); } catch (esmError) { console.log(name + ' does not load from the package: ' + esmError.message.split('\\n')[0]); }
    }
  }
  try {
    const Database = appRequire('better-sqlite3');
    const version = new Database(':memory:').prepare('select sqlite_version() as v').get().v;
    if (!/^3\\.\\d+/.test(version)) console.log('better-sqlite3 from the package gave sqlite_version() ' + version);
    if (sqliteNative) {
      const db = new Database(':memory:', { nativeBinding: sqliteNative });
      db.prepare('select sqlite_version()').get();
      db.close();
    }
  } catch (error) {
    console.log('better-sqlite3 from the package cannot open a database: ' + error.message.split('\\n')[0]);
  }
})();
`;

// ---------------------------------------------------------------------------------------------

const CANARY_DROPPED = 'zod';

async function main() {
  const keep = process.argv.includes('--keep');
  if (!existsSync(join(ROOT, pkg.main)) || !existsSync(join(ROOT, 'renderer/dist/index.html'))) {
    console.error(`dist-check: ${pkg.main} or renderer/dist is missing: run npm run build first (npm run dist:check does).`);
    process.exit(1);
  }
  const work = mkdtempSync(join(tmpdir(), 'afstemming-dist-check-'));
  let failed = false;
  try {
    makeStandInElectron(join(work, 'electron-dist'));

    const appOutDir = await buildPackage(work, 'package', {});
    const problems = await verifyPackage(appOutDir, work);
    if (problems.length) {
      failed = true;
      console.error(`\ndist-check: the package is NOT complete (${problems.length} problems):`);
      for (const problem of problems) console.error(`  - ${problem}`);
      if (lstatSync(join(ROOT, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
        console.error('  node_modules is a symlink: npm ls (which electron-builder uses) then sees the dependencies as extraneous and they are left out. Package from a checkout with its own node_modules (npm ci).');
      }
      return;
    }
    console.log(`\ndist-check: package complete (${appOutDir}).`);

    // The canary: a package that is wrong in three known ways must be reported in those ways.
    const canaryOut = await buildPackage(work, 'canary', {
      files: [...builderConfig.files, `!node_modules/${CANARY_DROPPED}{,/**}`],
      // electron-builder also unpacks native modules it recognises (smartUnpack): both off, so the .node stays inside.
      asar: { smartUnpack: false },
      asarUnpack: [],
      electronFuses: { ...builderConfig.electronFuses, runAsNode: !builderConfig.electronFuses.runAsNode },
    });
    const canaryProblems = await verifyPackage(canaryOut, work);
    const wanted = [
      [`production dependency ${CANARY_DROPPED}@`, `${CANARY_DROPPED} left out`],
      ['better_sqlite3.node is packed inside app.asar', 'the .node file inside the asar'],
      ['fuse runAsNode is', 'runAsNode flipped the other way'],
      [`${CANARY_DROPPED} does not load from the package`, `${CANARY_DROPPED} not loading`],
    ];
    const unseen = wanted.filter(([text]) => !canaryProblems.some((problem) => problem.includes(text)));
    if (unseen.length) {
      failed = true;
      console.error(`\ndist-check: the check itself is broken: in the canary package it did not report ${unseen.map(([, what]) => what).join(', ')}.`);
      console.error(`  It reported:\n${canaryProblems.map((problem) => `  - ${problem}`).join('\n') || '  (nothing)'}`);
      return;
    }
    console.log(`dist-check: the canary package (${CANARY_DROPPED} left out, .node files packed, runAsNode on) was caught, as it should be:`);
    for (const problem of canaryProblems) console.log(`  - ${problem}`);
  } finally {
    if (keep) console.log(`dist-check: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    if (failed) failExit();
  }
}

/** electron-builder's temp-file cleanup (async-exit-hook) ends the process with process.exit(0) at beforeExit; its own CLI also sets the code again in an exit listener. */
function failExit() {
  process.exitCode = 1;
  process.once('exit', () => {
    process.exitCode = 1;
  });
}

try {
  await main();
} catch (error) {
  console.error(`\ndist-check: packaging failed before anything could be checked: ${error.stack ?? error}`);
  failExit();
}
