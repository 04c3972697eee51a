import type { EventName, EventPayloads, MethodInput, MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { Rater } from '../../shared/domain/entities';
import type { Db } from './db/open-database';
import type { EventAudience } from './event-hub';
import type { CallerSession } from './features/session/session-registry';
import type { BackendServices } from './services';

/** What every handler gets: the database, who is calling, and the two side channels it may use. */
export interface HandlerContext {
  db: Db;
  /** The rater signed in on the calling window, tab or device, or null before someone proved who they are. */
  actor: Rater | null;
  /** The caller's own session: where the call comes from (workstation or a joined meeting device). */
  caller: CallerSession;
  /** ISO timestamp of this call, so one call writes one consistent time everywhere. */
  now: string;
  appVersion: string;
  /**
   * Appends an access-log row for a family, in the same transaction as the call's changes. For a
   * method whose policy says `read`, a row identical to one this session wrote within a few
   * minutes is not written again (features/access-log/repeated-reads.ts).
   */
  logFamilyAccess(familyId: number, detail?: string): void;
  /** The same for a read or change across families (a list, an overview): a row without a family. */
  logTeamAccess(detail: string): void;
  /**
   * Queues an event; it is sent only after the call's transaction has committed. With an
   * audience, only sessions signed in as that rater hear it (e.g. progress of their own export).
   */
  emit<E extends EventName>(event: E, payload: EventPayloads[E], audience?: EventAudience): void;
  /** Runs after the transaction has committed (file deletions, waking the job queue); never on rollback. */
  afterCommit(task: () => void): void;
  /** Long-lived parts of the back end: the media library, the job queue, native ports. */
  services: BackendServices;
}

/**
 * Synchronous handlers run inside one IMMEDIATE transaction. A method whose policy says
 * `async: true` (long file work) may return a promise and manages its own short transactions.
 */
export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
export type HandlersFor<Prefix extends string> = Pick<Handlers, Extract<MethodName, `${Prefix}.${string}`>>;

/** Lets unit tests call a handler with the caller-side input type. */
export type CallInput<M extends MethodName> = MethodInput<M>;
