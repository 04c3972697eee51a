import type { EventName, EventPayloads, MethodInput, MethodName, MethodOutput } from './contract';
import { ApiError, type Envelope } from './envelope';

/** What a transport must offer: IPC in Electron, HTTP + server-sent events in browser mode. */
export interface ApiTransport {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Api {
  /** Calls a contract method; rejects with ApiError (Dutch message) when the back end refuses. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to a contract event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export function createApi(transport: ApiTransport): Api {
  return {
    async call(method, input) {
      const envelope = await transport.call(method, input);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value as never;
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void);
    },
  };
}
