/**
 * `npm run -s bench -- <area>`: runs one area's benchmark and prints each figure on its own line
 * as `name: value`. Benchmarks are not tests: they measure, and the figures go into issue notes.
 */
import { runAgreementBench } from './agreement-bench';
import { runFragmentsBench } from './fragments-bench';
import { runReelBench } from './reel-bench';
import { runTimelineBench } from './timeline-bench';
import { runTrendsBench } from './trends-bench';
import { runVideoBench } from './video-bench';

type Print = (name: string, value: number) => void;
const AREAS: Record<string, (print: Print) => Promise<void>> = {
  agreement: runAgreementBench,
  video: runVideoBench,
  fragments: runFragmentsBench,
  reel: runReelBench,
  trends: runTrendsBench,
  timeline: runTimelineBench,
};

const area = process.argv[2];
const run = area ? AREAS[area] : undefined;
if (!run) {
  console.error(`Gebruik: npm run -s bench -- <${Object.keys(AREAS).join('|')}>`);
  process.exit(2);
}
const print: Print = (name, value) => console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(4)}`);
await run(print);
