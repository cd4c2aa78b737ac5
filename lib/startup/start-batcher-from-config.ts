// The batcher as `npm start` and the standalone worker run it, with settings from the config.
import type { Config } from '../config';
import { startBatcher, type Batcher } from '../batches/start-batcher';
import { loadIssuer } from '../certificates/load-issuer';
import { followAnchorChain } from './follow-anchor-chain';
import type { PlatformServices } from './start-platform-services';

export function startBatcherFromConfig({
  config,
  services,
  log,
}: {
  config: Config;
  services: PlatformServices;
  log: (line: string) => void;
}): Batcher {
  return startBatcher({
    prisma: services.prisma,
    databaseUrl: services.databaseUrl,
    chain: services.chain,
    anchoring: {
      contractAddress: services.contractAddress,
      confirmations: config.chainConfirmations,
      stuckAfterMs: config.anchorStuckAfterMs,
      gasLimit: BigInt(config.anchorGasLimit),
      maxInFlight: config.anchorMaxInFlight,
    },
    intervalMs: config.batchIntervalMs,
    maxLeaves: config.batchMaxLeaves,
    followChain: () =>
      followAnchorChain({
        prisma: services.prisma,
        chain: services.chain,
        configuredAddress: config.anchorContractAddress,
        configuredReconciliationAddress: config.reconciliationAnchorAddress,
        localChain: services.localChain,
        log,
      }),
    timestamping: { settings: services.timestamping, skewWarningSeconds: config.timestampSkewWarningSeconds },
    reconciliation: { storageDir: config.storageDir, issuer: () => loadIssuer(config), escalateAfterMs: config.reconciliationEscalateAfterMs },
    log,
  });
}
