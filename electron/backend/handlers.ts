import type { Handlers } from './handler-context';
import { accessLogHandlers } from './features/access-log/access-log-handlers';
import { caregiverHandlers, familyHandlers, visitHandlers } from './features/families/family-handlers';
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

/** The one handler table: the compiler checks that it implements every method of the contract. */
export const handlers: Handlers = {
  ...sessionHandlers,
  ...raterHandlers,
  ...familyHandlers,
  ...caregiverHandlers,
  ...visitHandlers,
  ...dossierHandlers,
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
