import { NavLink, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';
import { EvaluationAdminPage } from './EvaluationAdminPage';
import { EvaluationFormPage, EvaluationPrintPage } from './EvaluationFormPage';

/** Inside the app's layout: the coordinator's page (questions and summary). */
export const evaluationRoutes: RouteObject[] = [{ path: 'evaluation', element: <EvaluationAdminPage /> }];

/**
 * Outside the layout: the pages the parents see or that go on paper, without the app's menu (which
 * names the signed-in colleague and would not fit a phone).
 */
export const evaluationFormRoutes: RouteObject[] = [
  { path: '/evaluation/form/:familyId', element: <EvaluationFormPage /> },
  { path: '/evaluation/form/:familyId/print', element: <EvaluationPrintPage blank={false} /> },
  { path: '/evaluation/blank', element: <EvaluationPrintPage blank /> },
];

export function EvaluationNav() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') return null;
  return <NavLink to="/evaluation">{t('evaluation.nav')}</NavLink>;
}
