import type { nl } from './nl';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** Every language must have exactly the keys of the Dutch dictionary, which is the source. */
export type Dictionary = Strings<typeof nl>;
