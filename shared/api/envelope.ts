/** Stable error codes; the UI may branch on them, people read the message in their language. */
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

/**
 * A message a person may read, in both languages of the UI. A refusal takes one of these rather
 * than a string, so the type checker refuses a refusal that has no English.
 */
export interface Bilingual {
  readonly nl: string;
  readonly en: string;
}
export const msg = (nl: string, en: string): Bilingual => ({ nl, en });
export type BilingualFields = Record<string, Bilingual>;

export interface ApiErrorBody {
  code: ErrorCode;
  /** Dutch, the first language: what logs, the access log and the Dutch UI read. */
  message: string;
  /** The same message in English, for a UI switched to English. */
  messageEn: string;
  /** Field-level messages for forms, keyed by the dotted input path (Dutch). */
  fields?: Record<string, string>;
  /** The same field messages in English, with the same keys. */
  fieldsEn?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

const pick = (fields: BilingualFields, language: keyof Bilingual) =>
  Object.fromEntries(Object.entries(fields).map(([key, text]) => [key, text[language]]));

/** The one way an error body is made: both languages always, fields only when there are any. */
export function errorBody(code: ErrorCode, message: Bilingual, fields?: BilingualFields): ApiErrorBody {
  return {
    code,
    message: message.nl,
    messageEn: message.en,
    ...(fields && Object.keys(fields).length ? { fields: pick(fields, 'nl'), fieldsEn: pick(fields, 'en') } : {}),
  };
}

/** Thrown by handlers for expected refusals; dispatch turns it into an error envelope. */
export class AppError extends Error {
  /** `message` stays the Dutch text (logs, tests); `text` holds both languages. */
  readonly text: Bilingual;
  readonly fieldTexts: BilingualFields | undefined;
  constructor(
    readonly code: ErrorCode,
    message: Bilingual,
    fields?: BilingualFields,
  ) {
    super(message.nl);
    this.name = 'AppError';
    this.text = message;
    this.fieldTexts = fields;
  }
  /** The Dutch field messages, keyed by input path. */
  get fields(): Record<string, string> | undefined {
    return this.fieldTexts ? pick(this.fieldTexts, 'nl') : undefined;
  }
  get body(): ApiErrorBody {
    return errorBody(this.code, this.text, this.fieldTexts);
  }
}

const isEnglish = (language: string) => language === 'en' || language.startsWith('en-');
let uiLanguage: () => string = () => 'nl';

/**
 * The renderer tells which language its UI is in (i18n.ts); ApiError's `message` follows it.
 * The back end never calls this, so there every message reads Dutch.
 */
export function followUiLanguage(current: () => string): void {
  uiLanguage = current;
}

/** Thrown by the client when the back end answers with an error envelope. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    // Read when shown, not when thrown: every `error.message` in the UI is in the language chosen
    // now, also for an error that arrived before the switch.
    Object.defineProperty(this, 'message', { get: () => this.messageIn(uiLanguage()), configurable: true, enumerable: false });
  }
  /** A refusal the UI made itself, already in the words of the language the reader has chosen. */
  static local(code: ErrorCode, message: string): ApiError {
    return new ApiError({ code, message, messageEn: message });
  }
  /** A refusal the UI made itself outside React (no translation function at hand). */
  static of(code: ErrorCode, message: Bilingual): ApiError {
    return new ApiError(errorBody(code, message));
  }
  get code(): ErrorCode {
    return this.body.code;
  }
  /** The message in `language` (an i18next language such as 'en' or 'nl'); Dutch when there is no English. */
  messageIn(language: string): string {
    return isEnglish(language) && this.body.messageEn ? this.body.messageEn : this.body.message;
  }
  /** One field's message in `language`, falling back to Dutch. */
  field(name: string, language: string = uiLanguage()): string | undefined {
    const english = isEnglish(language) ? this.body.fieldsEn?.[name] : undefined;
    return english ?? this.body.fields?.[name];
  }
}
