import type { RouteObject } from 'react-router';
import { PrivacyPage } from './PrivacyPage';

export const privacyRoutes: RouteObject[] = [{ path: 'access-log', element: <PrivacyPage /> }];
