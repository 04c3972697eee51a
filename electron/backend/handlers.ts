import type { Handlers } from './handler-context';
import { accessLogHandlers } from './features/access-log/access-log-handlers';
import { caregiverHandlers, familyHandlers } from './features/families/family-handlers';
import { fragmentHandlers } from './features/fragments/fragment-handlers';
import { privacyHandlers } from './features/privacy/privacy-handlers';
import { raterHandlers } from './features/raters/rater-handlers';
import { scoringHandlers } from './features/scoring/scoring-handlers';
import { jobHandlers, recordingHandlers } from './features/recordings/recording-handlers';
import { sessionHandlers } from './features/session/session-handlers';
import { trendHandlers } from './features/trends/trend-handlers';
import { videoExportHandlers } from './features/video-exports/video-export-handlers';
import { agreementHandlers } from './features/agreement/agreement-handlers';
import { meetingHandlers } from './features/meeting-live/meeting-handlers';
import { dossierHandlers } from './features/dossier/dossier-handlers';
import { visitHandlers, visitQuestionHandlers } from './features/visits/visit-handlers';
import { feedbackSessionHandlers } from './features/feedback-sessions/feedback-session-handlers';
import { goalHandlers } from './features/goals/goal-handlers';
import { evaluationHandlers } from './features/evaluation/evaluation-handlers';

/** The one handler table: the compiler checks that it implements every method of the contract. */
export const handlers: Handlers = {
  ...sessionHandlers,
  ...raterHandlers,
  ...familyHandlers,
  ...caregiverHandlers,
  ...visitHandlers,
  ...visitQuestionHandlers,
  ...dossierHandlers,
  ...feedbackSessionHandlers,
  ...goalHandlers,
  ...evaluationHandlers,
  ...accessLogHandlers,
  ...recordingHandlers,
  ...jobHandlers,
  ...fragmentHandlers,
  ...scoringHandlers,
  ...trendHandlers,
  ...videoExportHandlers,
  ...agreementHandlers,
  ...privacyHandlers,
  ...meetingHandlers,
};
