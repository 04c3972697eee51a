import { createContext, useContext } from 'react';
import type { Rater, SessionInfo } from '../../../../shared/domain/entities';

export type ActiveSession = SessionInfo & { rater: Rater };

export const SessionContext = createContext<ActiveSession | null>(null);

export function useSession(): ActiveSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionGate');
  return session;
}
