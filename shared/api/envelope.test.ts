import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, AppError, errorBody, followUiLanguage, msg } from './envelope';

afterEach(() => followUiLanguage(() => 'nl'));

describe('the error envelope in two languages', () => {
  it('carries the Dutch message as message and the English as messageEn, with fields in both', () => {
    const error = new AppError('invalid_input', msg('Vul een gezinscode in.', 'Enter a family code.'), { code: msg('Verplicht.', 'Required.') });
    // Logs, the access log and existing tests read the Dutch message.
    expect(error.message).toBe('Vul een gezinscode in.');
    expect(error.fields).toEqual({ code: 'Verplicht.' });
    expect(error.body).toEqual({
      code: 'invalid_input',
      message: 'Vul een gezinscode in.',
      messageEn: 'Enter a family code.',
      fields: { code: 'Verplicht.' },
      fieldsEn: { code: 'Required.' },
    });
    expect(errorBody('not_found', msg('Weg.', 'Gone.'))).toEqual({ code: 'not_found', message: 'Weg.', messageEn: 'Gone.' });
  });

  it('lets ApiError read in the language asked for, falling back to Dutch', () => {
    const error = new ApiError(errorBody('conflict', msg('Deze code bestaat al.', 'This code already exists.'), { code: msg('Bestaat al.', 'Exists.') }));
    expect(error.messageIn('en')).toBe('This code already exists.');
    expect(error.messageIn('en-GB')).toBe('This code already exists.');
    expect(error.messageIn('nl')).toBe('Deze code bestaat al.');
    expect(error.field('code', 'en')).toBe('Exists.');
    expect(error.field('code', 'nl')).toBe('Bestaat al.');
    // An envelope from an older back end without English still reads, in Dutch.
    const old = new ApiError({ code: 'conflict', message: 'Alleen Nederlands.', messageEn: '', fields: { code: 'Veld.' } });
    expect(old.messageIn('en')).toBe('Alleen Nederlands.');
    expect(old.field('code', 'en')).toBe('Veld.');
  });

  it("makes ApiError's message follow the UI language, also after the error was thrown", () => {
    const error = new ApiError(errorBody('forbidden', msg('Alleen een coördinator mag dit doen.', 'Only a coordinator may do this.')));
    expect(error.message).toBe('Alleen een coördinator mag dit doen.');
    let language = 'en';
    followUiLanguage(() => language);
    expect(error.message).toBe('Only a coordinator may do this.');
    expect(String(error)).toBe('ApiError: Only a coordinator may do this.');
    language = 'nl';
    expect(error.message).toBe('Alleen een coördinator mag dit doen.');
    // A message the UI made itself is already in the reader's language: the same either way.
    expect(ApiError.local('invalid_input', 'Choose a file.').messageIn('nl')).toBe('Choose a file.');
  });
});
