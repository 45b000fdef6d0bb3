/**
 * coverage.py's percent and display rule live in the data layer (src/data/coverage-percent.ts),
 * so that validate can check a typed percent against its counts; the coverage readers use them
 * from here.
 */
export { DEFAULT_PRECISION, formatPercent, percentCovered } from '../../data/coverage-percent.js';
