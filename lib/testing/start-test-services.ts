// Test fixture: the real platform services (embedded PostgreSQL, anvil, deployed contract) in a
// temporary data directory on free ports. Integration tests use this, never mocks. With
// TEST_POSTGRES_ADMIN_URL set (CI sets it to Debian's PostgreSQL 15), each fixture gets a fresh
// database on that server instead of the embedded one.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import { startPlatformServices, type PlatformServices } from '../startup/start-platform-services';
import { createScratchDatabase } from './create-scratch-database';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestServices extends PlatformServices {
  config: Config;
  /** Stops the services but keeps the data directory, for restart tests. */
  stopKeepingData(): Promise<void>;
}

export async function startTestServices(
  overrides: Record<string, string> & { DATA_DIR?: string } = {},
): Promise<TestServices> {
  const dataDir = overrides.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'evident-test-')));
  // mkdtemp makes the directory private; PostgreSQL runs as its own user and must reach pg/ inside.
  await chmod(dataDir, 0o755);
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  const createdDatabase = adminUrl && !overrides.DATABASE_URL ? await createScratchDatabase(adminUrl) : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOCAL_CHAIN_PORT: String(await freePort()),
    // Tests that need the demo consortium ask for it; the rest skip its password hashing.
    SEED_DEMO: 'false',
    ...(createdDatabase ? { DATABASE_URL: createdDatabase.url } : {}),
    ...overrides,
  });
  const services = await startPlatformServices({ config, log: () => undefined });
  return {
    ...services,
    config,
    stopKeepingData: services.stop,
    async stop() {
      await services.stop();
      await createdDatabase?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

