/**
 * Ends a jest run with one plain line, `N passed, N failed` (tests), the closing line CI reads.
 * Suites that fail to run at all count as failed too. It is written at process exit so that it comes
 * after jest's own summary.
 */
import { writeSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.once('exit', () => writeSync(1, `\n${results.numPassedTests} passed, ${failed} failed\n`));
  }
}
