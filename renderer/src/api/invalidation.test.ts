import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMethodName, METHOD_NAMES, type MethodName } from '../../../shared/api/contract';
import { AREA_QUERIES, areasOfMutation, dependsOn, patternMatches, type Area } from './invalidation';

const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const read = (files: string[]) => files.map((file) => readFileSync(file, 'utf8'));
const backendSources = () => read(sourceFiles(join(ROOT, 'electron', 'backend')));

/** Every `data.changed` area the back end emits (ctx.emit in handlers, events.publish elsewhere). */
function emittedAreas(): Set<string> {
  const areas = new Set<string>();
  for (const text of backendSources()) for (const match of text.matchAll(/'data\.changed',\s*\{\s*area:\s*'(\w+)'/g)) areas.add(match[1]!);
  return areas;
}

/** Every method the UI fetches as a query (useApiQuery, or a query key of its own). */
function queriedMethods(): Set<string> {
  const methods = new Set<string>();
  for (const text of read(sourceFiles(join(ROOT, 'renderer', 'src')))) {
    for (const match of text.matchAll(/useApiQuery\(\s*'([\w.]+)'/g)) methods.add(match[1]!);
    for (const match of text.matchAll(/queryKey:\s*\[\s*'([\w.]+)'/g)) methods.add(match[1]!);
  }
  return methods;
}

/** For each handler (`'area.action': (…) => {…}` in a handlers file), the areas it emits itself. */
function handlerEmits(): Map<MethodName, Set<string>> {
  const emits = new Map<MethodName, Set<string>>();
  for (const text of backendSources()) {
    let current: MethodName | null = null;
    for (const line of text.split('\n')) {
      const start = /^ {2}'([\w]+\.[\w]+)':\s*(async\s*)?\(/.exec(line);
      if (start) current = isMethodName(start[1]) ? start[1] : null;
      const emit = /'data\.changed',\s*\{\s*area:\s*'(\w+)'/.exec(line);
      if (current && emit) {
        if (!emits.has(current)) emits.set(current, new Set());
        emits.get(current)!.add(emit[1]!);
      }
    }
  }
  return emits;
}

describe('targeted invalidation', () => {
  it('maps every area the back end emits', () => {
    const emitted = emittedAreas();
    // The scan itself works: these are emitted today.
    for (const area of ['raters', 'families', 'session', 'recordings', 'jobs', 'fragments', 'scoring']) expect(emitted, area).toContain(area);
    expect([...emitted].filter((area) => !(area in AREA_QUERIES))).toEqual([]);
  });

  it('refreshes every query the UI makes on a change of at least one area', () => {
    const queried = queriedMethods();
    expect(queried.size).toBeGreaterThan(20);
    const areas = Object.keys(AREA_QUERIES) as Area[];
    expect([...queried].filter((method) => !dependsOn(method, areas))).toEqual([]);
  });

  it('names only methods and namespaces that exist', () => {
    const patterns = Object.values(AREA_QUERIES).flat();
    expect(patterns.filter((pattern) => !METHOD_NAMES.some((method) => patternMatches(pattern, method)))).toEqual([]);
  });

  it('lets a mutation refresh at least the areas its handler announces to other windows', () => {
    const emits = handlerEmits();
    expect(emits.get('fragments.update')).toEqual(new Set(['fragments']));
    const missing = [...emits].flatMap(([method, areas]) => [...areas].filter((area) => !areasOfMutation(method).includes(area as Area)).map((area) => `${method} → ${area}`));
    expect(missing).toEqual([]);
  });

  it('keeps audited reads of a recording out of changes that do not touch it', () => {
    // Editing a fragment, a tag or a score, or an export finishing, does not reread the recording.
    for (const method of ['fragments.update', 'fragments.create', 'tags.update', 'scoring.saveScore', 'videoExports.fragmentClips'] as const) {
      expect(dependsOn('recordings.get', areasOfMutation(method)), method).toBe(false);
    }
    expect(dependsOn('recordings.get', ['jobs'])).toBe(false);
    expect(dependsOn('recordings.get', ['fragments'])).toBe(false);
    expect(dependsOn('videoExports.list', ['jobs'])).toBe(true);
    // But what does depend on it is refreshed.
    expect(dependsOn('recordings.get', areasOfMutation('recordings.update'))).toBe(true);
    expect(dependsOn('recordings.get', ['recordings'])).toBe(true);
    expect(dependsOn('fragments.list', areasOfMutation('tags.archive'))).toBe(true);
    expect(dependsOn('scoring.sheet', ['families'])).toBe(true);
    expect(dependsOn('agreement.overview', ['scoring'])).toBe(true);
    expect(dependsOn('raters.list', ['session'])).toBe(true);
  });

  it('rereads nothing after a read or an export made as a mutation', () => {
    for (const method of ['accessLog.overview', 'accessLog.exportCsv', 'accessLog.verify', 'trends.exportCsv', 'agreement.exportCsv', 'fragments.export', 'rounds.minutesPdf', 'backup.verify'] as const) {
      expect(areasOfMutation(method), method).toEqual([]);
    }
  });
});
