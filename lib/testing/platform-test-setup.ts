// The platform an integration test file runs against, started before its tests and stopped after
// them: real PostgreSQL and anvil (startTestServices), and on request the demo consortium's two
// lender staff, or a TCP proxy in front of the chain node that a test can cut or blackhole.
// Call it at the top level of the test file; its fields are there once the file's tests run.
import { afterAll, beforeAll } from 'vitest';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { StaffViewer } from '../auth/viewer';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { startTestServices, type TestServices } from './start-test-services';

export interface PlatformTestSetup {
  services: TestServices;
  /** With `demoLenders`: the staff of the demo lenders A and B (lender-a@ and lender-b@evident.demo). */
  lenderA: StaffViewer;
  lenderB: StaffViewer;
  /** With `chainProxy`: the chain node behind a proxy; give its url as the chain RPC URL to cut. */
  chainProxy: TcpProxy;
}

export function platformTestSetup({ demoLenders = false, chainProxy = false }: { demoLenders?: boolean; chainProxy?: boolean } = {}): PlatformTestSetup {
  const started: Partial<PlatformTestSetup> = {};
  const platform = {} as PlatformTestSetup;
  for (const field of ['services', 'lenderA', 'lenderB', 'chainProxy'] as const) {
    Object.defineProperty(platform, field, {
      get() {
        const value = started[field];
        if (!value) throw new Error(`platformTestSetup: ${field} is not there (asked for it in the options? read only inside tests and hooks)`);
        return value;
      },
    });
  }

  beforeAll(async () => {
    const services = await startTestServices(demoLenders ? { SEED_DEMO: 'true' } : {});
    started.services = services;
    if (demoLenders) {
      const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: null })) as StaffViewer;
      started.lenderA = await staff('lender-a@evident.demo');
      started.lenderB = await staff('lender-b@evident.demo');
    }
    if (chainProxy) started.chainProxy = await startTcpProxy({ targetPort: services.config.localChainPort });
  }, 120_000);

  afterAll(async () => {
    await started.chainProxy?.close();
    await started.services?.stop();
  });

  return platform;
}
