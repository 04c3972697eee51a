import type { RouteObject } from 'react-router';
import { AnchorsPage } from './AnchorsPage';
import { MeetingPage } from './MeetingPage';
import { MinutesPage } from './MinutesPage';
import { NewRoundPage } from './NewRoundPage';
import { PracticePage } from './PracticePage';
import { RoundPage } from './RoundPage';
import { RoundsPage } from './RoundsPage';
import { ScorePage } from './ScorePage';

/** The scoring feature's routes, spread into the app's route table. */
export const scoringRoutes: RouteObject[] = [
  { path: 'rounds', element: <RoundsPage /> },
  { path: 'rounds/new', element: <NewRoundPage /> },
  { path: 'rounds/:roundId', element: <RoundPage /> },
  { path: 'rounds/:roundId/meeting', element: <MeetingPage /> },
  { path: 'rounds/:roundId/minutes', element: <MinutesPage /> },
  { path: 'recordings/:recordingId/score', element: <ScorePage /> },
  { path: 'scoring/practice', element: <PracticePage /> },
  { path: 'scoring/anchors', element: <AnchorsPage /> },
];
