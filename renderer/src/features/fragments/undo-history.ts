/**
 * Undo and redo over everything done to fragments in this session. Each step knows how to undo
 * and redo itself through the API (update back, remove ↔ restore), so undo is persisted too.
 */
export interface UndoStep {
  /** What the step did, for the status line ("Label gewijzigd"). */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /**
   * Steps with the same key in quick succession merge into one (typing a note is one step, not
   * one per autosave).
   */
  mergeKey?: string;
  at?: number;
}

const MERGE_WINDOW_MS = 4000;
const LIMIT = 500;

export class UndoHistory {
  private past: UndoStep[] = [];
  private future: UndoStep[] = [];

  push(step: UndoStep, now = Date.now()): void {
    const last = this.past[this.past.length - 1];
    if (step.mergeKey && last && last.mergeKey === step.mergeKey && now - (last.at ?? 0) < MERGE_WINDOW_MS && this.future.length === 0) {
      // Keep the oldest undo and the newest redo.
      this.past[this.past.length - 1] = { ...step, undo: last.undo, at: now };
    } else {
      this.past.push({ ...step, at: now });
      if (this.past.length > LIMIT) this.past.shift();
    }
    this.future = [];
  }

  takeUndo(): UndoStep | null {
    const step = this.past.pop() ?? null;
    if (step) this.future.push({ ...step, mergeKey: undefined });
    return step;
  }

  takeRedo(): UndoStep | null {
    const step = this.future.pop() ?? null;
    if (step) this.past.push({ ...step, mergeKey: undefined });
    return step;
  }

  /** A step whose undo or redo failed (the fragment is gone) is dropped rather than retried forever. */
  dropLast(kind: 'undo' | 'redo'): void {
    if (kind === 'undo') this.future.pop();
    else this.past.pop();
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  get nextUndoLabel(): string | null {
    return this.past[this.past.length - 1]?.label ?? null;
  }

  get nextRedoLabel(): string | null {
    return this.future[this.future.length - 1]?.label ?? null;
  }
}
