// Agreement statistics for the rating scales: pure functions over a clips × raters matrix.
export * from './stat-result';
export * from './ratings-matrix';
export * from './weighted-statistic';
export * from './icc';
export * from './cohen-kappa';
export * from './fleiss-kappa';
export * from './krippendorff-alpha';
export * from './percent-agreement';
export * from './bootstrap';
export * from './compute-agreement';
export * from './sample-size';
export { fCdf, fQuantile } from './f-distribution';
export { mulberry32, type Random } from './seeded-random';
