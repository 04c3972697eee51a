import type { EventName, EventPayloads, MethodInput, MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { Rater } from '../../shared/domain/entities';
import type { Db } from './db/open-database';

/** What every handler gets: the database, who is calling, and the two side channels it may use. */
export interface HandlerContext {
  db: Db;
  /** The active rater of this workstation, or null before someone picked who they are. */
  actor: Rater | null;
  /** ISO timestamp of this call, so one call writes one consistent time everywhere. */
  now: string;
  appVersion: string;
  /** Appends an access-log row for a family, in the same transaction as the call's changes. */
  logFamilyAccess(familyId: number, detail?: string): void;
  /** Queues an event; it is sent only after the call's transaction has committed. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext) => MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };
export type HandlersFor<Prefix extends string> = Pick<Handlers, Extract<MethodName, `${Prefix}.${string}`>>;

/** Lets unit tests call a handler with the caller-side input type. */
export type CallInput<M extends MethodName> = MethodInput<M>;
