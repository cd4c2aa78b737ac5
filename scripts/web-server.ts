// The web server process that scripts/start.ts spawns (it never sees the anchoring key):
// lib/web-server/serve-web.ts, configured from the environment.
import { ConfigError, loadConfig } from '../lib/config';
import { serveWeb } from '../lib/web-server/serve-web';

const log = (line: string) => console.log(`[evident] ${line}`);

async function main() {
  const config = loadConfig();
  await serveWeb({
    dev: process.argv.includes('--dev'),
    port: config.port,
    workers: config.webWorkers,
    trustedProxyHops: config.trustedProxyHops,
    log,
  });
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `[evident] web server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
