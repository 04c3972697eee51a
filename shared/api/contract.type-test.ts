/**
 * Compile-time proof that the typed API refuses unknown methods and wrong inputs.
 * `npm run typecheck` fails if any @ts-expect-error below stops being an error.
 */
import type { Api } from './client';

declare const api: Api;

export async function typeTests(): Promise<void> {
  // A correct call compiles and has a typed result.
  const family = await api.call('families.get', { id: 1 });
  const code: string = family.code;
  void code;

  // @ts-expect-error unknown method
  await api.call('families.drop', { id: 1 });
  // @ts-expect-error wrong input type
  await api.call('families.get', { id: '1' });
  // @ts-expect-error missing required field
  await api.call('families.create', { code: 'OB-1' });
  // @ts-expect-error invalid enum value
  await api.call('raters.create', { name: 'A', initials: 'A', role: 'admin' });
  // @ts-expect-error wrong result type
  const wrong: number = await api.call('families.suggestCode', {});
  void wrong;
  // @ts-expect-error unknown event
  api.on('families.exploded', () => undefined);
}
