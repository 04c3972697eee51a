import type { z } from 'zod';
import { contract, isMethodName, type EventName, type EventPayloads, type MethodName } from '../../shared/api/contract';
import { AppError, type ApiErrorBody, type Envelope } from '../../shared/api/envelope';
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

function describeInvalidInput(error: z.ZodError): ApiErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const [first] = error.issues;
  const where = first && first.path.length ? ` (${first.path.map(String).join('.')})` : '';
  return { code: 'invalid_input', message: `Ongeldige invoer${where}: ${first?.message ?? 'onbekende fout'}`, fields };
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
      if (caller.ended) throw new AppError('locked', 'Deze sessie is beëindigd. Meld u opnieuw aan.');
      actor = services.sessions.actor(db, caller);
      if (!isMethodName(method)) {
        const body: ApiErrorBody = { code: 'unknown_method', message: `Onbekende opdracht: ${methodLabel}.` };
        logOutcome(actor, caller, methodLabel, input, 'refused', body.message);
        return fail(body);
      }
      // A device that joined a meeting over the network may make that meeting's calls and nothing else.
      if (caller.scope.kind === 'meeting' && !METHOD_POLICIES[method].meeting) {
        throw new AppError('forbidden', 'Dit apparaat neemt deel aan de intervisie en kan alleen daarvoor scoren.');
      }
      // Damaged database (read-only.ts): a change is refused before its input is even looked at.
      if (services.readOnly && READ_ONLY_MODE[method] === 'refused') throw readOnlyRefusal(services.readOnly);
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        const body = describeInvalidInput(parsed.error);
        logOutcome(actor, caller, method, input, 'refused', body.message);
        return fail(body);
      }
      const policy = METHOD_POLICIES[method];
      if (policy.needs !== 'anyone' && !actor) {
        if (lockedProfileOf(db, caller)) throw new AppError('locked', 'De werkplek is vergrendeld. Voer uw pincode in om verder te gaan.');
        throw new AppError('no_rater', 'Kies eerst wie u bent.');
      }
      // A start PIN is known to the coordinator who gave it: nothing else until the person chose their own.
      if (actor && !method.startsWith('session.') && mustChangePin(db, actor.id)) {
        throw new AppError('forbidden', 'Kies eerst een eigen pincode (of als coördinator een eigen wachtwoord).');
      }
      if (policy.needs === 'coordinator' && actor?.role !== 'coordinator') {
        throw new AppError('forbidden', 'Alleen een coördinator mag dit doen.');
      }
      const value = await runHandler(method, parsed.data, actor, caller);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) {
        logOutcome(actor, caller, methodLabel, input, 'refused', error.message);
        return fail({ code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
      }
      onInternalError?.(methodLabel, error);
      logOutcome(actor, caller, methodLabel, input, 'error', error instanceof Error ? error.message : String(error));
      return fail({ code: 'internal', message: 'Er ging onverwacht iets mis. Er is niets gewijzigd; probeer het opnieuw.' });
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