import type { Fragment } from '../../../../shared/domain/fragments';

/** The list's filters; empty strings mean "all". */
export interface FragmentFilters {
  tagId: string;
  raterId: string;
  /** '' all, 'none' about the interaction in general, or a caregiver id. */
  caregiverId: string;
  /** '' all, 'yes', 'no'. */
  feedback: string;
}

export const NO_FILTERS: FragmentFilters = { tagId: '', raterId: '', caregiverId: '', feedback: '' };

export function hasFilters(filters: FragmentFilters): boolean {
  return Object.values(filters).some((value) => value !== '');
}

export function matchesFilters(fragment: Fragment, filters: FragmentFilters): boolean {
  if (filters.tagId && !fragment.tags.some((tag) => String(tag.id) === filters.tagId)) return false;
  if (filters.raterId && String(fragment.raterId) !== filters.raterId) return false;
  if (filters.caregiverId === 'none' && fragment.caregiverId !== null) return false;
  if (filters.caregiverId && filters.caregiverId !== 'none' && String(fragment.caregiverId) !== filters.caregiverId) return false;
  if (filters.feedback === 'yes' && !fragment.forFeedback) return false;
  if (filters.feedback === 'no' && fragment.forFeedback) return false;
  return true;
}

/** The same filters in the API's terms, so an export holds exactly what the list shows. */
export function apiFilters(filters: FragmentFilters) {
  if (!hasFilters(filters)) return undefined;
  return {
    ...(filters.tagId ? { tagIds: [Number(filters.tagId)] } : {}),
    ...(filters.raterId ? { raterIds: [Number(filters.raterId)] } : {}),
    ...(filters.caregiverId ? { caregiverId: filters.caregiverId === 'none' ? null : Number(filters.caregiverId) } : {}),
    ...(filters.feedback ? { forFeedback: filters.feedback === 'yes' } : {}),
  };
}

export const byTime = (a: Fragment, b: Fragment) => a.startMs - b.startMs || a.endMs - b.endMs || a.id - b.id;
