// `npm run worker`: the batcher alone, without the web server. Use it to run sealing and anchoring
// in their own process (or several: one seals at a time, one holds the anchoring lock). Needs
// DATABASE_URL, CHAIN_RPC_URL, ANCHOR_PRIVATE_KEY and usually ANCHOR_CONTRACT_ADDRESS.
import { ConfigError, loadConfig } from '../lib/config';
import { startBatcherFromConfig } from '../lib/startup/start-batcher-from-config';
import { startPlatformServices } from '../lib/startup/start-platform-services';

const log = (line: string) => console.log(`[evident-worker] ${line}`);

async function main() {
  const config = loadConfig();
  const services = await startPlatformServices({ config, log });
  const batcher = startBatcherFromConfig({ config, services, log });
  log(`ready: anchoring to ${services.contractAddress} every ${config.batchIntervalMs} ms`);
  const shutdown = async () => {
    await batcher.stop();
    await services.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `[evident-worker] start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
