// `npm test`: the lint (eslint.config.js, the layer rules), a production build (the browser tests and the server-kill integration test run it),
// unit and integration tests (vitest, real PostgreSQL and chain), then the browser tests
// (Playwright, Debian's Chromium). With BENCH_SMOKE=1 (CI) the HTTP ingest bench also runs once, small,
// to prove it works; its figures are printed, not asserted. With TEST_POSTGRES_SERVER_URL set (an
// admin URL of a PostgreSQL server, as .ci/run sets for Debian's PostgreSQL 15), the integration
// tests run a second time against that server. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { missingPrerequisites } from './check-prerequisites';

const resultsDir = path.resolve('.data/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const bin = (name: string) => path.resolve('node_modules/.bin', name);

let passed = 0;
let failed = 0;
// The names of what failed, repeated at the very end: a CI log is often read from its tail.
const failures: string[] = [];

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
    for (const file of report.testResults ?? []) {
      const relative = path.relative(process.cwd(), file.name);
      const failedTests = (file.assertionResults ?? []).filter((test: { status: string }) => test.status === 'failed');
      for (const test of failedTests) failures.push(`${name}: ${relative} › ${test.fullName}\n    ${firstLine(test.failureMessages?.[0])}`);
      if (file.status === 'failed' && failedTests.length === 0) failures.push(`${name}: ${relative}\n    ${firstLine(file.message)}`);
    }
  } catch {
    console.error(`vitest (${name}) produced no report`);
    failed += 1;
    failures.push(`${name}: no report`);
  }
}

type PlaywrightSuite = {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
};
function collectPlaywrightFailures(suites: PlaywrightSuite[], titles: string[]) {
  for (const suite of suites) {
    const inner = suite.specs || suite.suites ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'unexpected') continue;
        const error = test.results.at(-1)?.error?.message;
        failures.push(`playwright: ${spec.file}:${spec.line} › ${[...inner.slice(1), spec.title].join(' › ')}\n    ${firstLine(error)}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], inner);
  }
}

function firstLine(message: unknown): string {
  return String(message ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
}

// System packages first: on a fresh machine, one message with the install command, not 22 failed
// browser tests.
const missing = missingPrerequisites();
if (missing) {
  console.error(missing);
  process.exit(1);
}

// The lint holds the layers (eslint.config.js); it must report nothing.
const lint = spawnSync(bin('eslint'), ['.'], { stdio: 'inherit', env });
if (lint.status === 0) {
  console.log('lint: no findings');
  passed += 1;
} else {
  console.error('lint reported findings (npx eslint .)');
  failed += 1;
  failures.push('lint');
}

const build = spawnSync(bin('next'), ['build'], { stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('next build failed');
  failed += 1;
  failures.push('next build');
}

// The database-kill campaign kills the embedded PostgreSQL under load and waits for the platform to
// restart it. Inside the full run it twice saw the server stay away past its 90 s (alone it passes
// in 20-30 s, on a clean clone too), so it runs on its own, first, until that interference is found.
// The other fault campaigns (the chain lost, the anchoring worker killed, the file storage disk full:
// lib/startup/disk-full.int.test.ts, 20-30 s) run in the normal pass.
const ISOLATED = 'lib/startup/database-kill.int.test.ts';
runVitest('vitest-database-kill', [ISOLATED]);
runVitest('vitest', ['--exclude', ISOLATED]);
const postgresServer = process.env.TEST_POSTGRES_SERVER_URL;
if (postgresServer) {
  console.log(`\nIntegration tests again, against the PostgreSQL server at ${new URL(postgresServer).host}`);
  runVitest('vitest-postgres-server', ['int.test', '--exclude', ISOLATED], { TEST_POSTGRES_ADMIN_URL: postgresServer, FAULT_RUNS: '20' });
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
      failures.push('bench/http-ingest.ts --smoke');
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
    for (const error of report.errors ?? []) failures.push(`playwright: ${firstLine(error.message)}`);
    collectPlaywrightFailures(report.suites ?? [], []);
  } catch {
    console.error('playwright produced no report');
    failed += 1;
    failures.push('playwright: no report');
  }
}

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((line) => `  ${line}`).join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
