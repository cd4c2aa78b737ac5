// Chain reads that a person waits on are bounded by PAGE_CHAIN_TIMEOUT_MS: with the chain node
// blackholed (connections taken, never answered), the regulator's audit log says "chain not
// reachable" within seconds, the read-only relay answers 504, and the health report names the chain
// as down; with the node refusing connections the relay answers 502.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getAuditLog } from '../audit/get-audit-log';
import { auditFiltersSchema } from '../audit/audit-filters';
import { anonymousViewer, type StaffViewer } from '../auth/viewer';
import { checkHealth } from '../health/check-health';
import { platformTestSetup } from '../testing/platform-test-setup';
import { PAGE_CHAIN_TIMEOUT_MS } from './page-chain-timeout';
import { ChainRelayUnavailableError, relayReadOnlyRpc } from './relay-read-only-rpc';

const REGULATOR: StaffViewer = {
  kind: 'staff',
  userId: randomUUID(),
  email: 'regulator@example.test',
  name: 'regulator',
  role: 'member',
  organizationId: randomUUID(),
  organizationType: 'regulator',
  organizationName: 'regulator',
  ipAddress: null,
};
/** The bound, with room for a loaded machine; the unbounded reads took 10 s and more. */
const WITHIN_MS = PAGE_CHAIN_TIMEOUT_MS + 2_000;
const BLOCK_NUMBER = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] });

const platform = platformTestSetup({ chainProxy: true });

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

async function relayFailure(): Promise<ChainRelayUnavailableError> {
  try {
    await relayReadOnlyRpc({ rpcUrl: platform.chainProxy.url, body: BLOCK_NUMBER });
  } catch (error) {
    if (error instanceof ChainRelayUnavailableError) return error;
    throw error;
  }
  throw new Error('the relay answered');
}

describe('a blackholed chain node', () => {
  it('answers through the proxy while it is up', async () => {
    expect(JSON.parse(await relayReadOnlyRpc({ rpcUrl: platform.chainProxy.url, body: BLOCK_NUMBER })).result).toMatch(/^0x/);
    const log = await getAuditLog({ prisma: platform.services.prisma, viewer: REGULATOR, filters: auditFiltersSchema.parse({}), chainRpcUrl: platform.chainProxy.url });
    expect(log.chainUnreachable).toBe(false);
    expect(log.chain).not.toBeNull();
  });

  it('gives "chain not reachable" on the audit log within the bound', async () => {
    await platform.chainProxy.blackhole();
    try {
      const { result: log, ms } = await timed(
        getAuditLog({ prisma: platform.services.prisma, viewer: REGULATOR, filters: auditFiltersSchema.parse({}), chainRpcUrl: platform.chainProxy.url }),
      );
      expect(ms).toBeLessThan(WITHIN_MS);
      // It did wait for the node: a blackhole, not a refusal.
      expect(ms).toBeGreaterThanOrEqual(PAGE_CHAIN_TIMEOUT_MS - 100);
      expect(log.chainUnreachable).toBe(true);
      expect(log.chain).toBeNull();
      // The log itself is still shown.
      expect(log.total).toBeGreaterThanOrEqual(0);
    } finally {
      await platform.chainProxy.restore();
    }
  });

  it('makes the relay answer 504 within the bound, and 502 when the node refuses', async () => {
    await platform.chainProxy.blackhole();
    try {
      const { result: error, ms } = await timed(relayFailure());
      expect(ms).toBeLessThan(WITHIN_MS);
      expect(ms).toBeGreaterThanOrEqual(PAGE_CHAIN_TIMEOUT_MS - 100);
      expect(error.status).toBe(504);
    } finally {
      await platform.chainProxy.restore();
    }
    await platform.chainProxy.cut();
    try {
      expect((await relayFailure()).status).toBe(502);
    } finally {
      await platform.chainProxy.restore();
    }
  });

  it('shows in the health report within the bound, the instance still ready', async () => {
    await platform.chainProxy.blackhole();
    try {
      const { result: health, ms } = await timed(
        checkHealth({ prisma: platform.services.prisma, storageDir: platform.services.config.storageDir, chainRpcUrl: platform.chainProxy.url, viewer: anonymousViewer() }),
      );
      expect(ms).toBeLessThan(WITHIN_MS);
      expect(health.chain.ok).toBe(false);
      expect(health.ready).toBe(true);
      expect(health.anchoring.status).toBe('degraded');
    } finally {
      await platform.chainProxy.restore();
    }
  });
});
