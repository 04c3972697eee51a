import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { createApi, type Api } from '../../../shared/api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/envelope';
import { areasOfMutation, invalidateAreas, type Area } from './invalidation';
import { detectTransport } from './transports';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ children, api: given }: { children: ReactNode; api?: Api }) {
  const api = useMemo(() => given ?? createApi(detectTransport()), [given]);
  const queryClient = useMemo(() => {
    // A call refused because the workstation locked (idle, another tab) shows the lock screen at once.
    const onError = (error: unknown) => {
      if (error instanceof ApiError && (error.body.code === 'locked' || error.body.code === 'no_rater')) {
        void client.invalidateQueries({ queryKey: ['session.get'] });
      }
    };
    const client = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: { retry: (count, error) => !(error instanceof ApiError) && count < 2, refetchOnWindowFocus: false },
      },
    });
    return client;
  }, []);
  // A change anywhere (another window, another tab, a media job) refreshes the queries that show
  // its area (invalidation.ts), not everything. A burst of events is one refresh, and the
  // caller's own answer usually lands first, so a page that is about to go away (an erased
  // family) is not fetched once more for nothing.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pending = new Set<Area>();
    const off = api.on('data.changed', ({ area }) => {
      pending.add(area);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const areas = [...pending];
        pending.clear();
        void invalidateAreas(queryClient, areas);
      }, 50);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [api, queryClient]);
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery<MethodOutput<M>, ApiError>({
    queryKey: [method, input],
    queryFn: () => api.call(method, input),
    enabled: options.enabled ?? true,
  });
}

export function useApiMutation<M extends MethodName>(method: M) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>>({
    mutationFn: (input) => api.call(method, input),
    // Only what this method changes (its namespace's areas; invalidation.ts), so a read or an
    // export made as a mutation rereads nothing, and a fragment saved does not reread the recording.
    onSuccess: () => invalidateAreas(queryClient, areasOfMutation(method)),
  });
}

/**
 * A call for autosaving fields: resolves once the answers it makes stale have been fetched again,
 * as a mutation does. An autosave field shows the server's value again when its save resolves;
 * resolving before the refetch would flash the old value (a ticked box unticked for a moment).
 */
export function useSavingCall() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useCallback(
    async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const result = await api.call(method, input);
      await invalidateAreas(queryClient, areasOfMutation(method));
      return result;
    },
    [api, queryClient],
  );
}
