import type { MethodName } from '../../shared/api/contract';

export type Needs = 'anyone' | 'rater' | 'coordinator';

export interface MethodPolicy {
  /** Who may call it: checked by dispatch before the handler runs. */
  needs: Needs;
  /** The action written to the access log (NEN 7513), or null for calls that touch no family data. */
  audit: string | null;
}

/**
 * One row per API method. The type makes a missing row a compile error, so a new method cannot
 * ship without deciding who may call it and how it is logged.
 */
export const METHOD_POLICIES: { [M in MethodName]: MethodPolicy } = {
  'session.get': { needs: 'anyone', audit: null },
  'session.selectRater': { needs: 'anyone', audit: null },
  'session.signOut': { needs: 'anyone', audit: null },

  'raters.list': { needs: 'anyone', audit: null },
  // The very first rater may be made by anyone; the handler checks the rest.
  'raters.create': { needs: 'anyone', audit: null },
  'raters.update': { needs: 'coordinator', audit: null },

  'families.list': { needs: 'rater', audit: 'families.list' },
  'families.suggestCode': { needs: 'rater', audit: null },
  'families.create': { needs: 'rater', audit: 'family.create' },
  'families.get': { needs: 'rater', audit: 'family.read' },
  'families.update': { needs: 'rater', audit: 'family.update' },

  'caregivers.add': { needs: 'rater', audit: 'caregiver.add' },
  'caregivers.update': { needs: 'rater', audit: 'caregiver.update' },
  'caregivers.remove': { needs: 'rater', audit: 'caregiver.remove' },

  'visits.add': { needs: 'rater', audit: 'visit.add' },
  'visits.update': { needs: 'rater', audit: 'visit.update' },
  'visits.remove': { needs: 'rater', audit: 'visit.remove' },

  'accessLog.forFamily': { needs: 'coordinator', audit: 'access_log.read' },

  // — recordings (video) —

  // — fragments —

  // — scoring —
};
