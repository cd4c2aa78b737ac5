// kill -9 the worker at random points of the anchoring state machine, many times, then check that
// every acknowledged item is anchored exactly once with no nonce gaps. FAULT_RUNS sets the count
// (CI: 50; bench/anchoring-faults.ts runs 200+).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { runAnchoringFaultCampaign } from '../testing/run-anchoring-fault-campaign';

const RUNS = Number(process.env.FAULT_RUNS ?? 50);
let services: TestServices;

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

describe('anchoring under kill -9', () => {
  it(`loses nothing, anchors nothing twice and leaves no nonce gap across ${RUNS} killed workers`, async () => {
    const result = await runAnchoringFaultCampaign({ services, runs: RUNS });
    console.log(
      `fault injection: ${result.runs} kill -9 runs, ${result.items} items, ${result.batches} batches, ` +
        `kills by state ${JSON.stringify(result.killsByState)}, failures found: ${result.failures.length}`,
    );
    expect(result.failures).toEqual([]);
    expect(result.items).toBe(RUNS * 12);
  }, 900_000);
});
