import type { RouteObject } from 'react-router';
import { TeamPage } from './TeamPage';

export const trendsRoutes: RouteObject[] = [{ path: 'team', element: <TeamPage /> }];
