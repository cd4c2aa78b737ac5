// The chain loses its state (anvil restarted without it) while the worker runs, and again while it
// is down, with items arriving throughout: nothing lost, no root anchored twice, every item final
// with a valid (latest) certificate, and the loss reported once each time, in the log, the audit
// log and /api/health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { runChainLossCampaign } from '../testing/run-anchoring-fault-campaign';

let services: TestServices;

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

describe('anchoring when the chain loses its state', () => {
  it('while running and across a restart: 0 lost, 0 double-anchored, every certificate valid, loss reported', async () => {
    const result = await runChainLossCampaign({ services });
    console.log(`chain loss campaign: ${result.items} items, ${result.batches} batches, failures: ${result.failures.length}`);
    expect(result.failures).toEqual([]);
    expect(result.chainLossLines).toBe(2);
    expect(result.chainLossEntries).toBe(2);
    expect(result.lastChainLossAt).not.toBeNull();
  }, 120_000);
});
