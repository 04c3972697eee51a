import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { registeredValidationMessages } from './validation-messages';

const API_DIR = import.meta.dirname;
const sources = [...readdirSync(API_DIR).map((name) => join(API_DIR, name)), ...readdirSync(join(API_DIR, 'areas')).map((name) => join(API_DIR, 'areas', name))].filter(
  (path) => path.endsWith('.ts') && !path.endsWith('.test.ts'),
);

describe('validation messages of the contract', () => {
  it('give every message of their own through say(nl, en), so each has English', () => {
    // A quoted message straight after a zod check, `error:` or `message:`; say(...) and the
    // method descriptions (method<…>()('…')) are not matched.
    const bare = /(?:\b(?:error|message):\s*|\.(?:min|max|int|positive|nonnegative|regex|refine|length|email|url)\((?:[^(),]|\([^()]*\))*,\s*)(['"`])/;
    const offenders = sources.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (bare.test(line) ? [`${path.slice(API_DIR.length + 1)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('have an English text that is not the Dutch one', () => {
    expect(Object.keys(contract).length).toBeGreaterThan(50);
    const messages = registeredValidationMessages();
    expect(messages.length).toBeGreaterThan(40);
    expect(messages.filter(([nl, en]) => en.trim() === '' || en === nl)).toEqual([]);
  });
});
