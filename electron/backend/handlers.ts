import type { Handlers } from './handler-context';
import { accessLogHandlers } from './features/access-log/access-log-handlers';
import { caregiverHandlers, familyHandlers, visitHandlers } from './features/families/family-handlers';
import { raterHandlers } from './features/raters/rater-handlers';
import { sessionHandlers } from './features/session/session-handlers';

/** The one handler table: the compiler checks that it implements every method of the contract. */
export const handlers: Handlers = {
  ...sessionHandlers,
  ...raterHandlers,
  ...familyHandlers,
  ...caregiverHandlers,
  ...visitHandlers,
  ...accessLogHandlers,
  // ...recordingHandlers, (video)
  // ...fragmentHandlers, (fragments)
  // ...scoringHandlers, (scoring)
};
