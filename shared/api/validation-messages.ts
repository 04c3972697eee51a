/**
 * zod carries a validation message as a plain string, so a schema holds the Dutch text and the
 * English is looked up by it when dispatch describes a refused input. `say` is the only way a
 * schema in shared/api gets a message of its own (validation-messages.test.ts checks the sources),
 * so every such message has both languages. Messages zod makes itself come from its locales.
 */
const englishByDutch = new Map<string, string>();

/** A schema's own validation message: returns the Dutch text for zod and remembers the English. */
export function say(nl: string, en: string): string {
  const known = englishByDutch.get(nl);
  // One Dutch text, one English text: otherwise the lookup below would depend on import order.
  if (known !== undefined && known !== en) throw new Error(`Validation message "${nl}" has two English texts: "${known}" and "${en}"`);
  englishByDutch.set(nl, en);
  return nl;
}

/** The English of a message a schema gave with `say`, or undefined for a message zod made itself. */
export const englishOf = (nl: string): string | undefined => englishByDutch.get(nl);

/** Every message given with `say` so far (all of them once the contract is imported), for tests. */
export const registeredValidationMessages = (): [nl: string, en: string][] => [...englishByDutch];
