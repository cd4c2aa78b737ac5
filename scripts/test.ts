// `npm test`: a production build (the browser tests and the server-kill integration test run it),
// unit and integration tests (vitest, real PostgreSQL and chain), then the browser tests
// (Playwright, Debian's Chromium). With BENCH_SMOKE=1 (CI) the HTTP ingest bench also runs once, small,
// to prove it works; its figures are printed, not asserted. With TEST_POSTGRES_SERVER_URL set (an
// admin URL of a PostgreSQL server, as .ci/run sets for Debian's PostgreSQL 15), the integration
// tests run a second time against that server. Ends with one line: "N passed, N failed".
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

function runVitest(name: string, args: string[], extraEnv: Record<string, string> = {}) {
  const json = path.join(resultsDir, `${name}.json`);
  spawnSync(bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], {
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  try {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
  } catch {
    console.error(`vitest (${name}) produced no report`);
    failed += 1;
  }
}

const build = spawnSync(bin('next'), ['build'], { stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('next build failed');
  failed += 1;
}

runVitest('vitest', []);
const postgresServer = process.env.TEST_POSTGRES_SERVER_URL;
if (postgresServer) {
  console.log(`\nIntegration tests again, against the PostgreSQL server at ${new URL(postgresServer).host}`);
  runVitest('vitest-postgres-server', ['int.test'], { TEST_POSTGRES_ADMIN_URL: postgresServer, FAULT_RUNS: '20' });
}

if (build.status !== 0) {
  console.error('skipping the browser tests: the build failed');
} else {
  if (process.env.BENCH_SMOKE === '1') {
    console.log('\nBench smoke run: npx tsx bench/http-ingest.ts --smoke');
    const bench = spawnSync(bin('tsx'), ['bench/http-ingest.ts', '--smoke'], { stdio: 'inherit', env });
    if (bench.status === 0) passed += 1;
    else {
      console.error('the HTTP ingest bench smoke run failed');
      failed += 1;
    }
  }
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
