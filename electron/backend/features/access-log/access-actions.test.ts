import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../../shared/api/contract';
import { ACCESS_ACTION_KINDS, ACCESS_ACTIONS, accessActionName, actionsOfKind } from '../../../../shared/domain/access-actions';
import { METHOD_POLICIES } from '../../method-policies';

/** The back end and the network host (which logs refused requests); not the Electron shell. */
const SOURCE_DIRS = [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..', 'web')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Codes the back end writes on its own, outside METHOD_POLICIES: an `action: '…'` literal passed
 * to appendAccess (or auditTransport), the code argument of a feature's own log helper, or a
 * named constant (`KEYED_ACTION = '…'`, the row of the step to a keyed chain).
 */
function literalActions(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\baction:\s*'([^']+)'/g,
    /\blog(?:RaterEvent|SessionEvent|Meeting|Export)\(\s*ctx\s*,\s*(?:\w+\s*,\s*)?'([^']+)'/g,
    /\b[A-Z_]*ACTION\s*=\s*'([^']+)'/g,
  ];
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]!);
  }
  return found;
}

/** Everything the back end can write as `action`: see dispatch.ts (logOutcome) and the handlers. */
function writableActions(): Set<string> {
  const actions = new Set<string>(literalActions());
  for (const method of METHOD_NAMES) {
    const { audit } = METHOD_POLICIES[method];
    // A refused or failed call of a method without an audit code is logged under the method name.
    actions.add(audit ?? method);
  }
  actions.add('unknown_method');
  return actions;
}

describe('access-log action names', () => {
  it('finds the codes handlers write themselves (so the scan below cannot pass by finding nothing)', () => {
    const literals = literalActions();
    for (const code of ['rater.promote', 'recording.play', 'export.download', 'backup.restored', 'session.sign_out', 'meeting.join_request', 'meeting.refused_request', 'access_log.keyed']) {
      expect(literals, code).toContain(code);
    }
  });

  it('has a Dutch and an English name and a kind for every action the back end can write', () => {
    const missing = [...writableActions()].filter((action) => {
      const entry = ACCESS_ACTIONS[action];
      return !entry || !entry.nl.trim() || !entry.en.trim() || !ACCESS_ACTION_KINDS.includes(entry.kind);
    });
    expect(missing).toEqual([]);
  });

  it('names no action the back end cannot write (a stale entry hides a renamed code)', () => {
    const writable = writableActions();
    expect(Object.keys(ACCESS_ACTIONS).filter((action) => !writable.has(action))).toEqual([]);
  });

  it('puts every action in exactly one kind, and every kind has actions', () => {
    const byKind = ACCESS_ACTION_KINDS.flatMap((kind) => actionsOfKind(kind));
    expect(byKind.sort()).toEqual(Object.keys(ACCESS_ACTIONS).sort());
    for (const kind of ACCESS_ACTION_KINDS) expect(actionsOfKind(kind).length, kind).toBeGreaterThan(0);
  });

  it('reads as a privacy officer would, and shows an unknown code as it is, never blank', () => {
    expect(accessActionName('recording.read')).toBe('Opname bekeken');
    expect(accessActionName('export.xlsx', 'nl')).toBe('Scores geëxporteerd (XLSX)');
    expect(accessActionName('recording.read', 'en')).toBe('Recording viewed');
    expect(accessActionName('something.new', 'nl')).toBe('something.new');
    expect(accessActionName('constructor', 'en')).toBe('constructor');
  });
});
