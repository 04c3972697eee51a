import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Caregiver } from '../../../../shared/domain/entities';
import type { Fragment, Tag } from '../../../../shared/domain/fragments';
import { formatTimecode } from '../player/frame-clock';
import { hasFilters, NO_FILTERS, type FragmentFilters } from './fragment-filters';
import { describeFragment } from './fragment-format';

interface FragmentListProps {
  fragments: readonly Fragment[];
  total: number;
  tags: readonly Tag[];
  raterNames: ReadonlyMap<number, string>;
  caregivers: readonly Caregiver[];
  filters: FragmentFilters;
  onFilters(filters: FragmentFilters): void;
  selectedId: number | null;
  onSelect(fragment: Fragment): void;
  checked: ReadonlySet<number>;
  onChecked(checked: ReadonlySet<number>): void;
}

const ROW_PX = 38;
const VIEW_ROWS = 10;
const OVERSCAN = 6;

/**
 * The fragments as a list beside the editor: filters, and rows that jump the player. Only the rows
 * in view are rendered; ↑/↓, Home and End move through all of them (roving focus).
 */
export function FragmentList({ fragments, total, tags, raterNames, caregivers, filters, onFilters, selectedId, onSelect, checked, onChecked }: FragmentListProps) {
  const { t } = useTranslation();
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [focusId, setFocusId] = useState<number | null>(null);
  const wantFocus = useRef(false);
  const raters = [...new Map(fragments.map((f) => [f.raterId, f.raterInitials])).entries()];
  const caregiverLabel = (caregiverId: number | null) => (caregiverId === null ? t('fragmentsUi.general') : (caregivers.find((c) => c.id === caregiverId)?.label ?? '?'));
  const words = { point: t('fragmentsUi.point'), feedback: t('fragmentsUi.forFeedback'), noTags: t('fragmentsUi.noTags') };

  const activeId = fragments.some((f) => f.id === selectedId) ? selectedId : (fragments.find((f) => f.id === focusId)?.id ?? fragments[0]?.id ?? null);
  const activeIndex = fragments.findIndex((f) => f.id === activeId);

  // Keep the active row scrolled into view (and focused when the keyboard moved it).
  useEffect(() => {
    const el = scroller.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * ROW_PX;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_PX - el.clientHeight;
    if (wantFocus.current) {
      wantFocus.current = false;
      requestAnimationFrame(() => el.querySelector<HTMLButtonElement>(`[data-row-id="${activeId}"]`)?.focus());
    }
  }, [activeId, activeIndex]);

  const from = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const to = Math.min(fragments.length, Math.ceil((scrollTop + VIEW_ROWS * ROW_PX) / ROW_PX) + OVERSCAN);
  const rows = fragments.slice(from, to);

  const move = (index: number) => {
    const next = fragments[Math.min(fragments.length - 1, Math.max(0, index))];
    if (!next) return;
    wantFocus.current = true;
    setFocusId(next.id);
    onSelect(next);
  };
  const onRowKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const keys: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: fragments.length - 1, PageDown: activeIndex + VIEW_ROWS, PageUp: activeIndex - VIEW_ROWS };
    if (!(event.key in keys) || event.altKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    move(keys[event.key]!);
  };

  const toggleChecked = (fragmentId: number) => {
    const next = new Set(checked);
    if (next.has(fragmentId)) next.delete(fragmentId);
    else next.add(fragmentId);
    onChecked(next);
  };
  const allChecked = fragments.length > 0 && fragments.every((f) => checked.has(f.id));
  const set = (key: keyof FragmentFilters) => (value: string) => onFilters({ ...filters, [key]: value });

  return (
    <section className="fragment-list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('fragmentsUi.list')}</h3>
      <div className="fragment-filters" role="group" aria-label={t('fragmentsUi.filters')}>
        <div className="fragment-filter">
          <label htmlFor={`${id}-tagId`}>{t('fragmentsUi.filterTag')}</label>
          <select id={`${id}-tagId`} value={filters.tagId} onChange={(e) => set('tagId')(e.target.value)}>
            <option value="">{t('fragmentsUi.allTags')}</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
                {tag.archived ? ` (${t('fragmentsUi.archived')})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="fragment-filter">
          <label htmlFor={`${id}-raterId`}>{t('fragmentsUi.filterRater')}</label>
          <select id={`${id}-raterId`} value={filters.raterId} onChange={(e) => set('raterId')(e.target.value)}>
            <option value="">{t('fragmentsUi.allRaters')}</option>
            {raters.map(([raterId, initials]) => (
              <option key={raterId} value={raterId}>
                {raterNames.get(raterId) ?? initials}
              </option>
            ))}
            {filters.raterId && !raters.some(([raterId]) => String(raterId) === filters.raterId) ? (
              <option value={filters.raterId}>{raterNames.get(Number(filters.raterId)) ?? filters.raterId}</option>
            ) : null}
          </select>
        </div>
        <div className="fragment-filter">
          <label htmlFor={`${id}-caregiverId`}>{t('fragmentsUi.filterCaregiver')}</label>
          <select id={`${id}-caregiverId`} value={filters.caregiverId} onChange={(e) => set('caregiverId')(e.target.value)}>
            <option value="">{t('fragmentsUi.allCaregivers')}</option>
            <option value="none">{t('fragmentsUi.general')}</option>
            {caregivers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="fragment-filter">
          <label htmlFor={`${id}-feedback`}>{t('fragmentsUi.filterFeedback')}</label>
          <select id={`${id}-feedback`} value={filters.feedback} onChange={(e) => set('feedback')(e.target.value)}>
            <option value="">{t('fragmentsUi.feedbackAll')}</option>
            <option value="yes">{t('fragmentsUi.feedbackYes')}</option>
            <option value="no">{t('fragmentsUi.feedbackNo')}</option>
          </select>
        </div>
        {hasFilters(filters) ? (
          <button type="button" className="small" onClick={() => onFilters(NO_FILTERS)}>
            {t('fragmentsUi.clearFilters')}
          </button>
        ) : null}
      </div>
      <p className="help" role="status">
        {t('fragmentsUi.shown', { shown: fragments.length, total })}
      </p>
      {fragments.length === 0 ? (
        <p className="help">{total === 0 ? t('fragmentsUi.noneYet') : t('fragmentsUi.noneMatch')}</p>
      ) : (
        <div className="fragment-list-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ maxHeight: `${VIEW_ROWS * ROW_PX + 34}px` }}>
          <table className="table table--compact fragment-table" aria-label={t('fragmentsUi.list')} aria-rowcount={fragments.length + 1}>
            <thead>
              <tr>
                <th scope="col" className="fragment-check">
                  <input
                    type="checkbox"
                    aria-label={t('fragmentsUi.chooseAll')}
                    checked={allChecked}
                    onChange={() => onChecked(allChecked ? new Set([...checked].filter((x) => !fragments.some((f) => f.id === x))) : new Set([...checked, ...fragments.map((f) => f.id)]))}
                  />
                </th>
                <th scope="col">{t('fragmentsUi.time')}</th>
                <th scope="col">{t('fragmentsUi.tags')}</th>
                <th scope="col">{t('fragmentsUi.rater')}</th>
                <th scope="col">{t('fragmentsUi.caregiver')}</th>
              </tr>
            </thead>
            <tbody>
              {from > 0 ? <tr aria-hidden="true" style={{ height: `${from * ROW_PX}px` }} /> : null}
              {rows.map((fragment, offset) => {
                const isActive = fragment.id === activeId;
                const isSelected = fragment.id === selectedId;
                return (
                  <tr key={fragment.id} className={isSelected ? 'fragment-row fragment-row--selected' : 'fragment-row'} aria-rowindex={from + offset + 2} aria-selected={isSelected}>
                    <td className="fragment-check">
                      <input
                        type="checkbox"
                        tabIndex={isActive ? 0 : -1}
                        aria-label={t('fragmentsUi.choose', { time: formatTimecode(fragment.startMs) })}
                        checked={checked.has(fragment.id)}
                        onChange={() => toggleChecked(fragment.id)}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="fragment-jump"
                        data-row-id={fragment.id}
                        tabIndex={isActive ? 0 : -1}
                        aria-label={describeFragment(fragment, words)}
                        aria-current={isSelected ? 'true' : undefined}
                        onClick={() => {
                          setFocusId(fragment.id);
                          onSelect(fragment);
                        }}
                        onKeyDown={onRowKey}
                      >
                        {formatTimecode(fragment.startMs).slice(3)}
                        {fragment.isPoint ? '' : `–${formatTimecode(fragment.endMs).slice(3)}`}
                      </button>
                    </td>
                    <td>
                      <span className="fragment-tags">
                        {fragment.forFeedback ? <span className="feedback-star" title={t('fragmentsUi.forFeedback')}>★</span> : null}
                        {fragment.tags.map((tag) => (
                          <span key={tag.id} className={tag.archived ? 'tag-chip tag-chip--archived' : 'tag-chip'}>
                            <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
                            {tag.name}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td title={raterNames.get(fragment.raterId)}>{fragment.raterInitials}</td>
                    <td>{caregiverLabel(fragment.caregiverId)}</td>
                  </tr>
                );
              })}
              {to < fragments.length ? <tr aria-hidden="true" style={{ height: `${(fragments.length - to) * ROW_PX}px` }} /> : null}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
