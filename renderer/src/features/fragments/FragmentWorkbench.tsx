import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../../shared/domain/entities';
import type { Fragment, Tag } from '../../../../shared/domain/fragments';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { PlayerHandle } from '../player/VideoPlayer';
import { formatTimecode } from '../player/frame-clock';
import { useSession } from '../session/session-context';
import { FileExports } from './FileExports';
import { EafImport } from './EafImport';
import { FragmentEditor } from './FragmentEditor';
import { FragmentList } from './FragmentList';
import { fragmentActionFor, focusOwnsKey, tagDigit, type FragmentAction } from './fragment-keys';
import { byTime, hasFilters, matchesFilters, NO_FILTERS, type FragmentFilters } from './fragment-filters';
import { frameMiddleMs, frameOfMs, frameStartMs } from './fragment-format';
import { ShortcutList } from './ShortcutList';
import { Timeline, type PendingMark, type TimelineHandle } from './Timeline';
import { buildLanes } from './timeline-view';
import { useFragmentStore } from './use-fragment-store';
import { VideoExports } from './VideoExports';

interface FragmentWorkbenchProps {
  recording: Recording;
  /** The player's handle (a ref, always the newest) and whether the player is ready for it. */
  player: RefObject<PlayerHandle | null>;
  playerReady: boolean;
}

interface Notice {
  text: string;
  kind: 'status' | 'error';
  seq: number;
}

/**
 * Everything about fragments on the recording page: the timeline under the player, the mark bar
 * with the tag keys, the list with filters, the editor, exports and video exports, and the one
 * keyboard handler for the fragment keys.
 */
export function FragmentWorkbench({ recording, player, playerReady }: FragmentWorkbenchProps) {
  const { t } = useTranslation();
  const session = useSession();
  const rate = useMemo(() => ({ num: recording.fpsNum, den: recording.fpsDen }), [recording.fpsNum, recording.fpsDen]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback((text: string, kind: 'status' | 'error' = 'status') => setNotice((n) => ({ text, kind, seq: (n?.seq ?? 0) + 1 })), []);
  const store = useFragmentStore(
    recording.id,
    {
      created: t('fragmentsUi.steps.created'),
      changed: t('fragmentsUi.steps.changed'),
      removed: (count) => t('fragmentsUi.steps.removed', { count }),
      imported: (count) => t('fragmentsUi.steps.imported', { count }),
      undone: (label) => t('fragmentsUi.undone', { label }),
      redone: (label) => t('fragmentsUi.redone', { label }),
      nothingToUndo: t('fragmentsUi.nothingToUndo'),
      nothingToRedo: t('fragmentsUi.nothingToRedo'),
      needOneTag: t('fragmentsUi.needOneTag'),
      gone: t('fragmentsUi.gone'),
    },
    notify,
  );
  const { ops } = store;
  const tagsQuery = useApiQuery('tags.list', { includeArchived: true });
  const questionsQuery = useApiQuery('questions.list', {});
  const ratersQuery = useApiQuery('raters.list', {});

  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [pending, setPending] = useState<PendingMark | null>(null);
  const [filters, setFilters] = useState<FragmentFilters>(NO_FILTERS);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [loopId, setLoopId] = useState<number | null>(null);
  const timeline = useRef<TimelineHandle>(null);

  const fragments = store.fragments;
  const allTags = tagsQuery.data;
  const activeTags = useMemo(() => (allTags ?? []).filter((tag) => !tag.archived).sort((a, b) => a.position - b.position), [allTags]);
  const tagByKey = useMemo(() => new Map(activeTags.filter((tag) => tag.shortcut !== null).map((tag) => [tag.shortcut!, tag])), [activeTags]);
  const raterNames = useMemo(() => new Map((ratersQuery.data ?? []).map((r) => [r.id, r.name])), [ratersQuery.data]);
  const lanes = useMemo(() => buildLanes(fragments ?? [], { id: session.rater.id, initials: session.rater.initials }), [fragments, session.rater.id, session.rater.initials]);
  const sorted = useMemo(() => [...(fragments ?? [])].sort(byTime), [fragments]);
  const listed = useMemo(() => (hasFilters(filters) ? sorted.filter((f) => matchesFilters(f, filters)) : sorted), [sorted, filters]);
  const hiddenByFilter = useMemo(() => {
    if (!hasFilters(filters)) return null;
    const shown = new Set(listed.map((f) => f.id));
    return new Set(sorted.filter((f) => !shown.has(f.id)).map((f) => f.id));
  }, [filters, listed, sorted]);
  const selected = selectedId === null ? null : (sorted.find((f) => f.id === selectedId) ?? null);
  const feedbackCount = useMemo(() => sorted.filter((f) => f.mine && f.forFeedback).length, [sorted]);

  // A fragment that disappears (undo of its creation, removal elsewhere) is no longer selected.
  useEffect(() => {
    if (selectedId !== null && fragments && !fragments.some((f) => f.id === selectedId)) setSelectedId(null);
  }, [fragments, selectedId]);

  const nowMs = useCallback(() => {
    const handle = player.current;
    return handle ? Math.min(frameStartMs(handle.currentFrame(), rate), recording.durationMs) : 0;
  }, [player, rate, recording.durationMs]);

  const seek = useCallback(
    (ms: number) => {
      player.current?.seekMs(Math.min(frameMiddleMs(frameOfMs(ms, rate), rate), recording.durationMs));
    },
    [player, rate, recording.durationMs],
  );

  const select = useCallback(
    (fragment: Fragment | null, options: { seek?: boolean } = {}) => {
      setSelectedId(fragment?.id ?? null);
      if (!fragment) return;
      timeline.current?.reveal(fragment.startMs, fragment.endMs);
      if (options.seek) seek(fragment.startMs);
    },
    [seek],
  );

  const toggleLoop = useCallback(
    (fragment: Fragment | null) => {
      const handle = player.current;
      if (!handle || !fragment) return;
      if (loopId === fragment.id) {
        handle.setLoop(null);
        setLoopId(null);
        return;
      }
      // A moment loops over a second either side, so there is something to see.
      const from = fragment.isPoint ? Math.max(0, fragment.startMs - 1000) : fragment.startMs;
      const to = fragment.isPoint ? Math.min(recording.durationMs, fragment.endMs + 1000) : fragment.endMs;
      handle.setLoop({ startMs: from, endMs: to });
      setLoopId(fragment.id);
      seek(from);
      handle.play();
    },
    [loopId, player, recording.durationMs, seek],
  );

  const createFromPending = useCallback(
    (mark: PendingMark) => {
      const endMs = mark.endMs ?? mark.startMs;
      setPending(null);
      void ops.create({ startMs: Math.min(mark.startMs, endMs), endMs: Math.max(mark.startMs, endMs), tagIds: mark.tagIds, forFeedback: mark.forFeedback }).then((created) => {
        if (!created) return;
        setSelectedId(created.id);
        notify(t('fragmentsUi.createdAt', { time: formatTimecode(created.startMs), tags: created.tags.map((tag) => tag.name).join(', ') }));
      });
    },
    [notify, ops, t],
  );

  const toggleTag = useCallback(
    (tag: Tag) => {
      if (pending) {
        setPending({ ...pending, tagIds: pending.tagIds.includes(tag.id) ? pending.tagIds.filter((id) => id !== tag.id) : [...pending.tagIds, tag.id] });
        return;
      }
      if (selected) {
        if (!selected.mine) return notify(t('fragmentsUi.notYours'), 'error');
        void ops.toggleTag(selected.id, tag.id);
        return;
      }
      // Nothing marked and nothing chosen: the key starts a moment at the playhead.
      if (!playerReady) return notify(t('fragmentsUi.playerNotReady'), 'error');
      setPending({ startMs: nowMs(), endMs: null, tagIds: [tag.id], forFeedback: false });
    },
    [notify, nowMs, ops, pending, playerReady, selected, t],
  );

  const step = useCallback(
    (direction: 1 | -1) => {
      const list = listed.length > 0 ? listed : sorted;
      if (list.length === 0) return notify(t('fragmentsUi.noFragments'));
      const index = selected ? list.findIndex((f) => f.id === selected.id) : -1;
      let next: Fragment | undefined;
      if (index >= 0) next = list[Math.min(list.length - 1, Math.max(0, index + direction))];
      else {
        const here = nowMs();
        next = direction > 0 ? (list.find((f) => f.startMs > here) ?? list[list.length - 1]) : ([...list].reverse().find((f) => f.startMs < here) ?? list[0]);
      }
      if (next) select(next, { seek: true });
    },
    [listed, notify, nowMs, select, selected, sorted, t],
  );

  const run = (action: FragmentAction, digit: number | null) => {
    switch (action) {
      case 'markIn': {
        if (!playerReady) return notify(t('fragmentsUi.playerNotReady'), 'error');
        const at = nowMs();
        setSelectedId(null);
        setPending((p) => ({ startMs: at, endMs: p?.endMs !== null && p?.endMs !== undefined && p.endMs >= at ? p.endMs : null, tagIds: p?.tagIds ?? [], forFeedback: p?.forFeedback ?? false }));
        return;
      }
      case 'markOut': {
        if (!playerReady) return notify(t('fragmentsUi.playerNotReady'), 'error');
        const at = nowMs();
        setSelectedId(null);
        setPending((p) => (p ? { ...p, startMs: Math.min(p.startMs, at), endMs: Math.max(p.startMs, at) } : { startMs: at, endMs: at, tagIds: [], forFeedback: false }));
        return;
      }
      case 'toggleTag': {
        const tag = digit === null ? undefined : tagByKey.get(digit);
        if (!tag) return notify(t('fragmentsUi.noTagForKey', { key: digit }), 'error');
        return toggleTag(tag);
      }
      case 'create':
        if (!pending) return notify(t('fragmentsUi.markFirst'), 'error');
        if (pending.tagIds.length === 0) return notify(t('fragmentsUi.needOneTag'), 'error');
        return createFromPending(pending);
      case 'toggleFeedback':
        if (pending) return setPending({ ...pending, forFeedback: !pending.forFeedback });
        if (!selected) return notify(t('fragmentsUi.selectFirst'), 'error');
        if (!selected.mine) return notify(t('fragmentsUi.notYours'), 'error');
        void ops.update(selected.id, (current) => ({ forFeedback: !current.forFeedback })).then((updated) => {
          if (updated) notify(updated.forFeedback ? t('fragmentsUi.flagged') : t('fragmentsUi.unflagged'));
        });
        return;
      case 'setStart':
      case 'setEnd': {
        if (!selected) return notify(t('fragmentsUi.selectFirst'), 'error');
        if (!selected.mine) return notify(t('fragmentsUi.notYours'), 'error');
        const at = nowMs();
        const id = selected.id;
        void ops
          .update(id, (current) => {
            if (action === 'setStart' && at > current.endMs) return t('fragmentsUi.startAfterEnd');
            if (action === 'setEnd' && at < current.startMs) return t('fragmentsUi.endBeforeStart');
            return action === 'setStart' ? { startMs: at } : { endMs: at };
          })
          .then((updated) => updated && notify(t(action === 'setStart' ? 'fragmentsUi.startSet' : 'fragmentsUi.endSet', { time: formatTimecode(at) })));
        return;
      }
      case 'previous':
        return step(-1);
      case 'next':
        return step(1);
      case 'loop':
        if (!selected) return notify(t('fragmentsUi.selectFirst'), 'error');
        return toggleLoop(selected);
      case 'remove':
        if (!selected) return notify(t('fragmentsUi.selectFirst'), 'error');
        if (!selected.mine) return notify(t('fragmentsUi.notYours'), 'error');
        setSelectedId(null);
        void ops.remove([selected.id]);
        return;
      case 'undo':
        setPending(null);
        void ops.undo();
        return;
      case 'redo':
        setPending(null);
        void ops.redo();
        return;
      case 'cancel':
        if (pending) setPending(null);
        else setSelectedId(null);
        return;
      case 'zoomIn':
        return timeline.current?.zoomIn();
      case 'zoomOut':
        return timeline.current?.zoomOut();
      case 'zoomAll':
        return timeline.current?.zoomAll();
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  // The fragment keys, on the window like the player's; never while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = fragmentActionFor(event);
      if (!action) return;
      if (focusOwnsKey(event.target, action)) {
        // Esc leaves a text field, so the keys work again.
        if (action === 'cancel' && event.target instanceof HTMLElement && event.target.closest('.fragment-editor')) event.target.blur();
        return;
      }
      event.preventDefault();
      runRef.current(action, action === 'toggleTag' ? tagDigit(event) : null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pendingColor = pending ? (activeTags.find((tag) => tag.id === pending.tagIds[0])?.color ?? null) : null;
  const target: 'pending' | 'selected' | 'new' = pending ? 'pending' : selected?.mine ? 'selected' : 'new';
  const targetTagIds = pending ? pending.tagIds : target === 'selected' ? selected!.tags.map((tag) => tag.id) : [];

  if (store.list.error) return <ErrorMessage error={store.list.error} />;

  return (
    <section className="fragments card" aria-labelledby="fragments-title">
      <div className="fragments-head">
        <h2 id="fragments-title">{t('fragmentsUi.title')}</h2>
        <span className="help">{t('fragmentsUi.count', { count: sorted.length })}</span>
        <div className="fragments-undo" role="group" aria-label={t('fragmentsUi.history')}>
          <button type="button" className="small" onClick={() => run('undo', null)} disabled={!store.history.canUndo} title={store.history.undoLabel ?? undefined}>
            ↶ {t('fragmentsUi.undo')} <kbd>Ctrl+Z</kbd>
          </button>
          <button type="button" className="small" onClick={() => run('redo', null)} disabled={!store.history.canRedo} title={store.history.redoLabel ?? undefined}>
            ↷ {t('fragmentsUi.redo')} <kbd>Ctrl+Shift+Z</kbd>
          </button>
        </div>
      </div>
      {store.blind ? <p className="help fragments-blind">{t('fragmentsUi.blind')}</p> : null}

      <Timeline
        lanes={lanes}
        raterNames={raterNames}
        durationMs={recording.durationMs}
        rate={rate}
        selectedId={selectedId}
        hiddenByFilter={hiddenByFilter}
        pending={pending}
        pendingColor={pendingColor}
        player={player}
        onSelect={(fragment) => select(fragment)}
        onSeek={seek}
        onAdjust={(id, times) => void ops.update(id, times)}
        handleRef={timeline}
      />

      <div className="mark-bar" role="group" aria-label={t('fragmentsUi.markBar')}>
        <p className="mark-status" data-testid="mark-status">
          {pending ? (
            <>
              <strong>{t('fragmentsUi.pendingMark')}:</strong> {t('fragmentsUi.in')} {formatTimecode(pending.startMs)} · {t('fragmentsUi.out')}{' '}
              {pending.endMs === null ? '—' : formatTimecode(pending.endMs)}
              {pending.forFeedback ? ` · ★ ${t('fragmentsUi.forFeedback')}` : ''} — {t('fragmentsUi.pendingHint')}
            </>
          ) : selected ? (
            <>
              <strong>{t('fragmentsUi.selected')}:</strong> {formatTimecode(selected.startMs)}
              {selected.isPoint ? '' : ` – ${formatTimecode(selected.endMs)}`} · {selected.raterInitials}
              {selected.mine ? '' : ` (${t('fragmentsUi.readOnly')})`}
            </>
          ) : (
            t('fragmentsUi.nothingMarked')
          )}
        </p>
        <div className="tag-palette" role="group" aria-label={t(`fragmentsUi.tagTarget.${target}`)}>
          {activeTags.map((tag) => (
            <button
              key={tag.id}
              type="button"
              className="tag-key"
              aria-pressed={targetTagIds.includes(tag.id)}
              title={tag.description}
              onClick={() => toggleTag(tag)}
              disabled={target === 'new' && !playerReady}
            >
              <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
              {tag.shortcut !== null ? <kbd>{tag.shortcut}</kbd> : null} {tag.name}
            </button>
          ))}
        </div>
        <div className="mark-actions">
          <button type="button" className="small" onClick={() => run('markIn', null)} disabled={!playerReady}>
            {t('fragmentsUi.markIn')} <kbd>I</kbd>
          </button>
          <button type="button" className="small" onClick={() => run('markOut', null)} disabled={!playerReady}>
            {t('fragmentsUi.markOut')} <kbd>O</kbd>
          </button>
          <button type="button" className="small primary" onClick={() => run('create', null)} disabled={!pending || pending.tagIds.length === 0}>
            {t('fragmentsUi.create')} <kbd>Enter</kbd>
          </button>
          {pending ? (
            <button type="button" className="small" onClick={() => setPending(null)}>
              {t('fragmentsUi.cancelMark')} <kbd>Esc</kbd>
            </button>
          ) : null}
        </div>
        <p className={notice?.kind === 'error' ? 'error mark-notice' : 'mark-notice'} role={notice?.kind === 'error' ? 'alert' : 'status'} key={notice?.seq}>
          {notice?.text ?? ''}
        </p>
      </div>

      <div className="fragments-columns">
        <FragmentList
          fragments={listed}
          total={sorted.length}
          tags={allTags ?? []}
          raterNames={raterNames}
          caregivers={recording.caregivers}
          filters={filters}
          onFilters={setFilters}
          selectedId={selectedId}
          onSelect={(fragment) => select(fragment, { seek: true })}
          checked={checked}
          onChecked={setChecked}
        />
        {selected ? (
          <FragmentEditor
            key={selected.id}
            fragment={selected}
            rate={rate}
            durationMs={recording.durationMs}
            tags={allTags ?? []}
            questions={questionsQuery.data ?? []}
            caregivers={recording.caregivers}
            ops={ops}
            looping={loopId === selected.id}
            onLoop={() => toggleLoop(selected)}
            onPlay={() => {
              seek(selected.startMs);
              player.current?.play();
            }}
            onRemove={() => run('remove', null)}
            nowMs={nowMs}
          />
        ) : (
          <section className="fragment-editor fragment-editor--empty" aria-label={t('fragmentsUi.editor')}>
            <h3>{t('fragmentsUi.editor')}</h3>
            <p className="help">{t('fragmentsUi.editorEmpty')}</p>
          </section>
        )}
      </div>

      <div className="fragments-exports">
        <FileExports recordingId={recording.id} filters={filters} count={listed.length} notify={notify} />
        <EafImport recordingId={recording.id} ops={ops} notify={notify} />
        <VideoExports
          recordingId={recording.id}
          chosenIds={[...checked].filter((id) => sorted.some((f) => f.id === id))}
          feedbackCount={feedbackCount}
          playable={recording.playable}
        />
      </div>
      <ShortcutList />
    </section>
  );
}
