// Fault-injection bench: kill -9 the standalone worker at random points of the anchoring state
// machine many times (default 200), then check every guarantee and print the figures.
//   npx tsx bench/anchoring-faults.ts [runs]
import { runAnchoringFaultCampaign } from '../lib/testing/run-anchoring-fault-campaign';
import { startTestServices } from '../lib/testing/start-test-services';

const runs = Number(process.argv[2] ?? 200);
const services = await startTestServices();
const started = Date.now();
try {
  const result = await runAnchoringFaultCampaign({ services, runs, log: (line) => process.stdout.write(`\r${line}      `) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nkill -9 runs: ${result.runs}`);
  console.log(`items acknowledged: ${result.items}, batches: ${result.batches}`);
  console.log(`kills by state of unfinished batches: ${JSON.stringify(result.killsByState)}`);
  console.log(`failures found: ${result.failures.length}${result.failures.length ? '\n  ' + result.failures.join('\n  ') : ''}`);
  console.log(`elapsed: ${seconds} s`);
  process.exitCode = result.failures.length === 0 ? 0 : 1;
} finally {
  await services.stop();
}
