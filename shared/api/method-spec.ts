import { z } from 'zod';

/**
 * One method of the API: its input schema (validated by the back end before any handler runs)
 * and its output type (a phantom: it exists only for the compiler).
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly summary: string;
  readonly __output?: O;
}

/** `method<Output>()(summary, inputSchema)`: the output type is named, the input is inferred. */
export function method<O>() {
  return <I extends z.ZodType>(summary: string, input: I): MethodSpec<I, O> => ({ input, summary });
}

export const noInput = z.strictObject({});
