import 'i18next';
import type { nl } from './nl';

// Keys are checked against the Dutch dictionary (the source): a missing or misspelt key fails the
// type-check instead of showing the key itself on screen.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}
