import { describe, expect, it } from 'vitest';
import { UndoHistory } from './undo-history';

const step = (label: string, log: string[], mergeKey?: string) => ({
  label,
  mergeKey,
  undo: async () => void log.push(`undo ${label}`),
  redo: async () => void log.push(`redo ${label}`),
});

describe('undo history', () => {
  it('undoes and redoes in order, and a new step clears the redo list', async () => {
    const log: string[] = [];
    const history = new UndoHistory();
    history.push(step('a', log));
    history.push(step('b', log));
    await history.takeUndo()!.undo();
    await history.takeUndo()!.undo();
    expect(history.canUndo).toBe(false);
    await history.takeRedo()!.redo();
    expect(log).toEqual(['undo b', 'undo a', 'redo a']);
    history.push(step('c', log));
    expect(history.canRedo).toBe(false);
    expect(history.nextUndoLabel).toBe('c');
  });

  it('merges quick steps with the same key: one undo restores the value before typing', async () => {
    const log: string[] = [];
    const history = new UndoHistory();
    history.push(step('note 1', log, 'note:5'), 1000);
    history.push(step('note 2', log, 'note:5'), 2000);
    history.push(step('note 3', log, 'note:5'), 9000);
    await history.takeUndo()!.undo();
    await history.takeUndo()!.undo();
    expect(history.canUndo).toBe(false);
    expect(log).toEqual(['undo note 3', 'undo note 1']);
  });
});
