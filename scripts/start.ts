// `npm start` / `npm run dev`: starts the platform's services (embedded database and chain unless
// configured), the batcher in this process, and the web server (scripts/web-server.ts: Next.js behind
// our node:http server) as a child process that never sees the anchoring key.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSecretsConfig, ConfigError, loadConfig } from '../lib/config';
import { startBatcherFromConfig } from '../lib/startup/start-batcher-from-config';
import { startPlatformServices } from '../lib/startup/start-platform-services';

const dev = process.argv.includes('--dev');
/** Stopping never takes longer than this, whatever state the database or chain is in: a supervisor
 * sends SIGTERM and expects the process gone within seconds. */
const SHUTDOWN_DEADLINE_MS = 9_000;
const log = (line: string) => console.log(`[evident] ${line}`);

async function main() {
  const config = loadConfig();
  assertSecretsConfig(config);
  const services = await startPlatformServices({ config, log });
  const batcher = startBatcherFromConfig({ config, services, log });
  log(`batcher seals every ${config.batchIntervalMs} ms; anchor contract ${services.contractAddress}`);

  const webEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
    SESSION_SECRET: services.secrets.sessionSecret,
    BORROWER_ID_SALT: services.secrets.borrowerIdSalt,
    RECONCILIATION_KEY_SECRET: services.secrets.reconciliationKeySecret,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: dev ? 'development' : 'production',
  };
  delete webEnv.ANCHOR_PRIVATE_KEY;
  const webServer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web-server.ts');
  const web = spawn(process.execPath, ['--import', 'tsx', webServer, ...(dev ? ['--dev'] : [])], {
    env: webEnv,
    stdio: 'inherit',
  });

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      log(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      if (web.exitCode === null) web.kill('SIGKILL');
      process.exit(code === 0 ? 1 : code);
    }, SHUTDOWN_DEADLINE_MS).unref();
    if (web.exitCode === null) web.kill('SIGTERM');
    await batcher.stop();
    await services.stop();
    process.exit(code);
  };
  web.on('exit', (code) => void shutdown(code ?? 1));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  log(`Evident is starting at http://localhost:${config.port}`);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`[evident] start-up failed: ${(error as Error).message}`);
  }
  process.exit(1);
});
