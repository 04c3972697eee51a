import { z } from 'zod';
import { contract, isMethodName, type EventName, type EventPayloads, type MethodName } from '../../shared/api/contract';
import { AppError, errorBody, msg, type ApiErrorBody, type BilingualFields, type Envelope } from '../../shared/api/envelope';
import { englishOf } from '../../shared/api/validation-messages';
import { CHOOSE_WHO_YOU_ARE } from './refusals';
import type { AccessOutcome, Rater } from '../../shared/domain/entities';
import type { Db } from './db/open-database';
import type { EventAudience, EventHub } from './event-hub';
import { appendAccess } from './features/access-log/access-log-repository';
import { RepeatedReads, type ReadRow } from './features/access-log/repeated-reads';
import { settleAnchor } from './features/privacy/log-chain';
import { lockedProfileOf, mustChangePin } from './features/session/session-handlers';
import { viaOf, type CallerSession } from './features/session/session-registry';
import type { HandlerContext, Handlers } from './handler-context';
import { METHOD_POLICIES, READ_ONLY_MODE } from './method-policies';
import { readOnlyRefusal } from './read-only';
import type { BackendServices } from './services';

/** Every call names its caller: the window, browser tab or joined device whose session it runs in. */
export type Dispatch = (method: unknown, input: unknown, caller: CallerSession) => Promise<Envelope<unknown>>;

export interface DispatchDeps {
  db: Db;
  events: EventHub;
  handlers: Handlers;
  appVersion: string;
  services: BackendServices;
  /** Called with unexpected errors (not AppError) so they reach a log file, never the user. */
  onInternalError?: (method: string, error: unknown) => void;
}

const fail = (error: ApiErrorBody): Envelope<never> => ({ ok: false, error });
const INTERNAL = msg('Er ging onverwacht iets mis. Er is niets gewijzigd; probeer het opnieuw.', 'Something unexpected went wrong. Nothing was changed; please try again.');

const englishLocale = z.locales.en().localeError;

/**
 * A refused input in both languages. A schema's own messages carry their English (say() in
 * validation-messages.ts); the messages zod makes itself come from asking zod once more with its
 * English locale: same schema, same input, so the same issues in the same order.
 */
function describeInvalidInput(schema: z.ZodType, input: unknown, error: z.ZodError): ApiErrorBody {
  const again = schema.safeParse(input, { error: englishLocale });
  const englishIssues = again.success ? [] : again.error.issues;
  const fields: BilingualFields = {};
  const texts = error.issues.map((issue, index) => {
    const english = englishOf(issue.message) ?? englishIssues[index]?.message ?? issue.message;
    const text = msg(issue.message, english);
    fields[issue.path.map(String).join('.') || '_'] ??= text;
    return text;
  });
  const [first] = error.issues;
  const where = first && first.path.length ? ` (${first.path.map(String).join('.')})` : '';
  const text = texts[0] ?? msg('onbekende fout', 'unknown error');
  return errorBody('invalid_input', msg(`Ongeldige invoer${where}: ${text.nl}`, `Invalid input${where}: ${text.en}`), fields);
}

/** Best effort: which family a refused call was about, for the access log. */
function familyIdOf(method: string, input: unknown): number | null {
  if (typeof input !== 'object' || input === null) return null;
  const record = input as Record<string, unknown>;
  const candidate = record.familyId ?? (method.startsWith('families.') ? record.id : undefined);
  return typeof candidate === 'number' && Number.isSafeInteger(candidate) && candidate > 0 ? candidate : null;
}

/**
 * The single entry point of the back end, shared by the IPC and the HTTP transport:
 * allow-list, input validation, authorization, one transaction per call, error envelope.
 */
export function createDispatch({ db, events, handlers, appVersion, services, onInternalError }: DispatchDeps): Dispatch {
  const repeatedReads = new RepeatedReads(services.sessions.clock);
  const logOutcome = (actor: Rater | null, caller: CallerSession, method: string, input: unknown, outcome: AccessOutcome, detail: string) => {
    try {
      const action = isMethodName(method) ? (METHOD_POLICIES[method].audit ?? method) : 'unknown_method';
      const familyId = familyIdOf(method, input);
      const familyKnown = familyId !== null && db.prepare('SELECT 1 FROM families WHERE id = ?').get(familyId) !== undefined;
      appendAccess(db, { at: new Date().toISOString(), rater: actor, familyId: familyKnown ? familyId : null, action, outcome, detail, via: viaOf(caller) });
    } catch (error) {
      onInternalError?.(method, error);
    }
  };

  return async (method, input, caller) => {
    let actor: Rater | null = null;
    const methodLabel = typeof method === 'string' ? method.slice(0, 100) : String(typeof method);
    try {
      if (caller.ended) throw new AppError('locked', msg('Deze sessie is beëindigd. Meld u opnieuw aan.', 'This session has ended. Please sign in again.'));
      actor = services.sessions.actor(db, caller);
      if (!isMethodName(method)) {
        const body = errorBody('unknown_method', msg(`Onbekende opdracht: ${methodLabel}.`, `Unknown command: ${methodLabel}.`));
        logOutcome(actor, caller, methodLabel, input, 'refused', body.message);
        return fail(body);
      }
      // A device that joined a meeting over the network may make that meeting's calls and nothing else.
      if (caller.scope.kind === 'meeting' && !METHOD_POLICIES[method].meeting) {
        throw new AppError(
          'forbidden',
          msg('Dit apparaat neemt deel aan de intervisie en kan alleen daarvoor scoren.', 'This device takes part in the peer review meeting and can only score for it.'),
        );
      }
      // Damaged database (read-only.ts): a change is refused before its input is even looked at.
      if (services.readOnly && READ_ONLY_MODE[method] === 'refused') throw readOnlyRefusal(services.readOnly);
      const schema = contract[method].input as z.ZodType;
      const parsed = schema.safeParse(input ?? {});
      if (!parsed.success) {
        const body = describeInvalidInput(schema, input ?? {}, parsed.error);
        logOutcome(actor, caller, method, input, 'refused', body.message);
        return fail(body);
      }
      const policy = METHOD_POLICIES[method];
      if (policy.needs !== 'anyone' && !actor) {
        if (lockedProfileOf(db, caller)) {
          throw new AppError('locked', msg('De werkplek is vergrendeld. Voer uw pincode in om verder te gaan.', 'The workstation is locked. Enter your PIN to continue.'));
        }
        throw new AppError('no_rater', CHOOSE_WHO_YOU_ARE);
      }
      // A start PIN is known to the coordinator who gave it: nothing else until the person chose their own.
      if (actor && !method.startsWith('session.') && mustChangePin(db, actor.id)) {
        throw new AppError('forbidden', msg(
          'Kies eerst een eigen pincode (of als coördinator een eigen wachtwoord).',
          'First choose your own PIN (or, as coordinator, your own password).',
        ));
      }
      if (policy.needs === 'coordinator' && actor?.role !== 'coordinator') {
        throw new AppError('forbidden', msg('Alleen een coördinator mag dit doen.', 'Only a coordinator may do this.'));
      }
      const value = await runHandler(method, parsed.data, actor, caller);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) {
        logOutcome(actor, caller, methodLabel, input, 'refused', error.message);
        return fail(error.body);
      }
      onInternalError?.(methodLabel, error);
      logOutcome(actor, caller, methodLabel, input, 'error', error instanceof Error ? error.message : String(error));
      return fail(errorBody('internal', INTERNAL));
    }
  };

  async function runHandler(method: MethodName, input: unknown, actor: Rater | null, caller: CallerSession): Promise<unknown> {
    const pendingEvents: [EventName, unknown, EventAudience | undefined][] = [];
    const afterCommit: (() => void)[] = [];
    const now = new Date().toISOString();
    const policy = METHOD_POLICIES[method];
    // Rows this call wrote for a read: remembered once the call has committed (repeated-reads.ts).
    const readRows: ReadRow[] = [];
    const log = (familyId: number | null, detail = '') => {
      if (!policy.audit) throw new Error(`${method} writes an access-log row but has no audit action in METHOD_POLICIES`);
      if (policy.read) {
        const row: ReadRow = { raterId: actor?.id ?? null, action: policy.audit, familyId, detail };
        const sameRow = (other: ReadRow) => other.familyId === familyId && other.detail === detail;
        if (repeatedReads.isRepeat(caller, row) || readRows.some(sameRow)) return;
        readRows.push(row);
      }
      appendAccess(db, { at: now, rater: actor, familyId, action: policy.audit, outcome: 'ok', detail, via: viaOf(caller) });
    };
    const ctx: HandlerContext = {
      db,
      actor,
      caller,
      now,
      appVersion,
      services,
      logFamilyAccess: (familyId, detail) => log(familyId, detail),
      logTeamAccess: (detail) => log(null, detail),
      emit: (event, payload, audience) => pendingEvents.push([event, payload, audience]),
      afterCommit: (task) => afterCommit.push(task),
    };
    const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
    const flush = () => {
      // The anchor outside the database follows the rows this call committed, before anything else happens.
      settleAnchor(db);
      repeatedReads.note(caller, readRows);
      for (const task of afterCommit) {
        try {
          task();
        } catch (error) {
          onInternalError?.(method, error);
        }
      }
      for (const [event, payload, audience] of pendingEvents) events.publish(event, payload as EventPayloads[typeof event], audience);
    };
    if (policy.async) {
      const value = await handler(input, ctx);
      flush();
      return value;
    }
    // IMMEDIATE takes the write lock up front, so a read-then-write call never fails halfway on SQLITE_BUSY.
    const value = db.transaction(() => {
      const result = handler(input, ctx);
      if (result instanceof Promise) throw new Error(`${method} returned a promise but its policy is not async`);
      return result;
    }).immediate();
    flush();
    return value;
  }
}