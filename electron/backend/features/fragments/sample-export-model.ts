import type { ExportModel } from './export-model';

/** A small export model for the pure format tests: awkward text on purpose. */
export function sampleModel(): ExportModel {
  return {
    recording: {
      id: 7,
      familyCode: 'OB-26-001',
      recordedOn: '2026-03-01',
      activity: 'bad',
      moment: 'voormeting',
      durationMs: 900_000,
      fpsNum: 30000,
      fpsDen: 1001,
      mediaExtension: 'mp4',
    },
    tags: [
      { name: 'sensitieve reactie', color: '#009e73', description: 'Prompt en passend.', shortcut: 2, archived: false },
      { name: 'coöperatie', color: '#0072b2', description: 'Regel 1\nRegel 2 "citaat" & <x>', shortcut: 5, archived: false },
      { name: 'oud label', color: '#888888', description: '', shortcut: null, archived: true },
    ],
    questions: [
      { id: 1, text: 'Wat zie je?' },
      { id: 2, text: '=cmd|calc' },
    ],
    fragments: [
      {
        id: 11,
        raterId: 1,
        raterInitials: 'AB',
        startMs: 1000,
        endMs: 2500,
        startFrame: 29,
        endFrame: 74,
        tagNames: ['sensitieve reactie', 'coöperatie'],
        caregiverKey: 'moeder',
        note: 'Moeder "kijkt", lacht;\r\nbaby reageert.\ttab',
        forFeedback: true,
        answers: { 1: 'Een blije baby.' },
      },
      {
        id: 12,
        raterId: 1,
        raterInitials: 'AB',
        startMs: 4000,
        endMs: 4000,
        startFrame: 119,
        endFrame: 119,
        tagNames: ['oud label'],
        caregiverKey: null,
        note: '=HYPERLINK("http://x")',
        forFeedback: false,
        answers: { 2: '+31 6 1234' },
      },
      {
        id: 13,
        raterId: 2,
        raterInitials: 'CD',
        startMs: 3000,
        endMs: 9000,
        startFrame: 89,
        endFrame: 269,
        tagNames: ['coöperatie'],
        caregiverKey: 'vader 2',
        note: '  spaties blijven  ',
        forFeedback: false,
        answers: {},
      },
    ],
  };
}
