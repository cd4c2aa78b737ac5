// Brings up what the web server and batcher need, on embedded defaults unless configured: the
// database (embedded PostgreSQL), its migrations, the chain (embedded anvil), the anchor contract.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Wallet } from 'ethers';
import { assertStartupConfig, type Config } from '../config';
import { applyMigrations } from '../db/apply-migrations';
import { createPrismaClient, type PrismaClient } from '../db/client';
import { startEmbeddedPostgres } from '../db/start-embedded-postgres';
import { closeChain, connectChain, type ChainConnection } from '../chain/connect-chain';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, LOCAL_CHAIN_MEMBER_PRIVATE_KEY, startLocalChain } from '../chain/start-local-chain';
import { ensureAnchorContract } from './ensure-anchor-contract';
import { registerLocalMembers } from './register-local-members';
import { reconcileAnchoredBatches } from './reconcile-anchored-batches';
import { resolveLocalSecrets, type PlatformSecrets } from './resolve-local-secrets';
import { seedDemoConsortium } from './seed-demo-consortium';

export interface PlatformServices {
  databaseUrl: string;
  chainRpcUrl: string;
  contractAddress: string;
  prisma: PrismaClient;
  chain: ChainConnection;
  secrets: PlatformSecrets;
  stop(): Promise<void>;
}

export async function startPlatformServices({
  config,
  log = console.log,
}: {
  config: Config;
  log?: (line: string) => void;
}): Promise<PlatformServices> {
  assertStartupConfig(config);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => log(`shutdown: ${e.message}`));
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort });
      stops.push(pg.stop);
      databaseUrl = pg.databaseUrl;
      log(`embedded PostgreSQL on 127.0.0.1:${config.embeddedPostgresPort} (data in ${path.join(config.dataDir, 'pg')})`);
    }
    const { applied } = await applyMigrations({ databaseUrl });
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    const prisma = createPrismaClient(databaseUrl);
    stops.push(() => prisma.$disconnect());
    const secrets = await resolveLocalSecrets(config);
    const localChain = !config.chainRpcUrl;
    // On the embedded chain the demo lender A anchors with its own member key.
    const localMember = new Wallet(LOCAL_CHAIN_MEMBER_PRIVATE_KEY);
    if (config.seedDemo) {
      await seedDemoConsortium({
        prisma,
        borrowerIdSalt: secrets.borrowerIdSalt,
        lenderAnchorMember: localChain ? localMember.address.toLowerCase() : undefined,
        log,
      });
    }

    let chainRpcUrl: string;
    let privateKey: string | undefined;
    const memberPrivateKeys = [...config.memberAnchorKeys];
    if (config.chainRpcUrl) {
      chainRpcUrl = config.chainRpcUrl;
      privateKey = config.anchorPrivateKey;
    } else {
      const chainDir = path.join(config.dataDir, 'chain');
      await stopLeftoverChain(chainDir);
      const local = await startLocalChain({ port: config.localChainPort, stateFile: path.join(chainDir, 'state.json') });
      await writeFile(path.join(chainDir, 'anvil.pid'), String(local.process.pid));
      stops.push(async () => {
        await local.stop();
        await rm(path.join(chainDir, 'anvil.pid'), { force: true });
      });
      chainRpcUrl = local.rpcUrl;
      privateKey = LOCAL_CHAIN_DEV_PRIVATE_KEY;
      if (!memberPrivateKeys.includes(LOCAL_CHAIN_MEMBER_PRIVATE_KEY)) memberPrivateKeys.push(LOCAL_CHAIN_MEMBER_PRIVATE_KEY);
      log(`embedded chain (anvil) at ${chainRpcUrl} (state in ${chainDir})`);
    }
    const chain = await connectChain({ rpcUrl: chainRpcUrl, privateKey, memberPrivateKeys });
    stops.push(async () => closeChain(chain));
    const contract = await ensureAnchorContract({
      prisma,
      chain,
      configuredAddress: config.anchorContractAddress,
      log,
    });
    if (localChain) await registerLocalMembers({ chain, contractAddress: contract.address, log });
    await reconcileAnchoredBatches({ prisma, chain, freshContract: contract.freshlyDeployed, log });
    const contractAddress = contract.address;
    return { databaseUrl, chainRpcUrl, contractAddress, prisma, chain, secrets, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** An anvil left running by a killed launcher still holds the port and the state file. */
async function stopLeftoverChain(chainDir: string): Promise<void> {
  await mkdir(chainDir, { recursive: true });
  const pidFile = path.join(chainDir, 'anvil.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(await readFile(pidFile, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50; i++) {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch {
    // not running any more
  }
}
