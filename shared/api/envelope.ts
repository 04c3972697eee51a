/** Stable error codes; the UI may branch on them, people read the Dutch message. */
export const ERROR_CODES = [
  'unknown_method',
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'no_rater',
  'locked',
  'read_only',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level messages for forms, keyed by the dotted input path. */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers for expected refusals; dispatch turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Thrown by the client when the back end answers with an error envelope. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): ErrorCode {
    return this.body.code;
  }
}
