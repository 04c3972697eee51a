import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { ApiProvider } from '../api/api-context';
import { FamiliesPage } from '../features/families/FamiliesPage';
import { FamilyPage } from '../features/families/FamilyPage';
import { NewFamilyPage } from '../features/families/NewFamilyPage';
import { TagsPage } from '../features/fragments/TagsPage';
import { RatersPage } from '../features/raters/RatersPage';
import { RecordingPage } from '../features/recordings/RecordingPage';
import { SessionGate } from '../features/session/SessionGate';
import { scoringRoutes } from '../features/scoring/scoring-routes';
import { trendsRoutes } from '../features/trends/trends-routes';
import { privacyRoutes } from '../features/privacy/privacy-routes';
import { ReadOnlyBanner } from '../features/privacy/ReadOnlyBanner';
import { AgreementPage } from '../features/agreement/AgreementPage';
import { evaluationFormRoutes, evaluationRoutes } from '../features/evaluation/evaluation-routes';
import { Layout } from './Layout';

// Hash routes work the same from the Electron app:// protocol and from the web host.
const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/families" replace /> },
      { path: 'families', element: <FamiliesPage /> },
      { path: 'families/new', element: <NewFamilyPage /> },
      { path: 'families/:familyId', element: <FamilyPage /> },
      { path: 'raters', element: <RatersPage /> },
      // — recordings (video) routes —
      { path: 'recordings/:recordingId', element: <RecordingPage /> },
      // — fragments routes —
      { path: 'tags', element: <TagsPage /> },
      // — scoring routes —
      ...scoringRoutes,
      // — trends routes —
      ...trendsRoutes,
      // — privacy routes —
      ...privacyRoutes,
      { path: 'agreement', element: <AgreementPage /> },
      ...evaluationRoutes,
      { path: '*', element: <Navigate to="/families" replace /> },
    ],
  },
  ...evaluationFormRoutes,
]);

export function App() {
  return (
    <ApiProvider>
      {/* Damaged database: a persistent alert on every page, also before someone is chosen. */}
      <ReadOnlyBanner />
      <SessionGate>
        <RouterProvider router={router} />
      </SessionGate>
    </ApiProvider>
  );
}
