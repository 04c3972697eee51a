import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'test/integration/**/*.test.ts',
    ],
    // Native SQLite and ffmpeg are real here, so give slow machines room; never rely on timing for correctness.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
