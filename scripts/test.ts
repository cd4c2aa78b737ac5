// `npm test`: unit and integration tests (vitest, real PostgreSQL and chain), a production build,
// then the browser tests (Playwright, Debian's Chromium). Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const resultsDir = path.resolve('.data/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const bin = (name: string) => path.resolve('node_modules/.bin', name);

let passed = 0;
let failed = 0;

const vitestJson = path.join(resultsDir, 'vitest.json');
spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], {
  stdio: 'inherit',
  env,
});
try {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
} catch {
  console.error('vitest produced no report');
  failed += 1;
}

const build = spawnSync(bin('next'), ['build'], { stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('next build failed; skipping the browser tests');
  failed += 1;
} else {
  const playwrightJson = path.join(resultsDir, 'playwright.json');
  spawnSync(bin('playwright'), ['test', '--reporter=list,json'], {
    stdio: 'inherit',
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  });
  try {
    const report = JSON.parse(readFileSync(playwrightJson, 'utf8'));
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    if (report.errors?.length) failed += report.errors.length;
  } catch {
    console.error('playwright produced no report');
    failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
