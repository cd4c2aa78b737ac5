// Brings up what the web server and batcher need, on embedded defaults unless configured: the
// database (embedded PostgreSQL), its migrations, the chain (embedded anvil), the anchor contract,
// and the RFC 3161 timestamping authority (embedded TSA) with the roots its tokens are checked against.
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
import { prepareAnchorChain } from './prepare-anchor-chain';
import { resolveLocalSecrets, type PlatformSecrets } from './resolve-local-secrets';
import { removeExpiredUploads } from '../storage/resumable-upload-store';
import { sweepStaleUploads } from '../storage/store-stream';
import { seedDemoSignOffKeys } from '../demo/seed-demo-sign-off-keys';
import { seedDemoConsortium } from '../demo/seed-demo-consortium';
import { seedDemoReconciliationDays } from '../demo/seed-demo-reconciliation-days';
import { removeOrphanSideDirectories } from '../reconciliation/remove-orphan-side-directories';
import { loadIssuer } from '../certificates/load-issuer';
import { parseTrustedTsaRoots } from '../timestamps/parse-trusted-tsa-roots';
import type { TimestampSettings } from '../timestamps/request-timestamp';
import { startLocalTsa } from '../timestamps/start-local-tsa';

export interface PlatformServices {
  databaseUrl: string;
  chainRpcUrl: string;
  contractAddress: string;
  /** The embedded anvil, not CHAIN_RPC_URL. */
  localChain: boolean;
  prisma: PrismaClient;
  chain: ChainConnection;
  secrets: PlatformSecrets;
  timestamping: TimestampSettings;
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
      const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logSupervision: log });
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
      const { seeded } = await seedDemoConsortium({
        prisma,
        borrowerIdSalt: secrets.borrowerIdSalt,
        reconciliationKeySecret: secrets.reconciliationKeySecret,
        lenderAnchorMember: localChain ? localMember.address.toLowerCase() : undefined,
        log,
      });
      if (seeded) {
        await seedDemoSignOffKeys({ prisma, dataDir: config.dataDir, log });
        await seedDemoReconciliationDays({
          prisma,
          storageDir: config.storageDir,
          issuer: await loadIssuer(config),
          keySecret: secrets.reconciliationKeySecret,
          log,
        });
      }
    }

    const swept = await sweepStaleUploads(config.storageDir);
    if (swept > 0) log(`removed ${swept} temporary upload file(s) left by an earlier crash`);
    const orphans = await removeOrphanSideDirectories({ prisma, storageDir: config.storageDir });
    if (orphans > 0) log(`removed ${orphans} reconciliation side director(ies) an earlier crash left without their row`);
    stops.push(sweepExpiredUploadsPeriodically(config, log));

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
    const { contractAddress } = await prepareAnchorChain({
      prisma,
      chain,
      configuredAddress: config.anchorContractAddress,
      configuredReconciliationAddress: config.reconciliationAnchorAddress,
      localChain,
      log,
    });
    const timestamping = await startTimestamping(config, stops, log);
    return { databaseUrl, chainRpcUrl, contractAddress, localChain, prisma, chain, secrets, timestamping, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** How often expired resumable uploads are looked for (and once at start). */
const EXPIRED_UPLOAD_SWEEP_MS = 10 * 60 * 1000;

/** Removes resumable uploads older than RESUMABLE_UPLOAD_EXPIRY_MINUTES, now and then every 10
 * minutes; returns the stop. */
function sweepExpiredUploadsPeriodically(config: Config, log: (line: string) => void): () => Promise<void> {
  const sweep = async () => {
    try {
      const removed = await removeExpiredUploads({ storageDir: config.storageDir, expiryMs: config.resumableUploadExpiryMs });
      if (removed > 0) log(`removed ${removed} expired resumable upload(s)`);
    } catch (error) {
      log(`could not remove expired resumable uploads: ${(error as Error).message}`);
    }
  };
  let running = sweep();
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, EXPIRED_UPLOAD_SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** The configured TSA and its trusted roots, else the embedded TSA trusting its own root. */
async function startTimestamping(config: Config, stops: Array<() => Promise<void>>, log: (line: string) => void): Promise<TimestampSettings> {
  const common = { policyOid: config.tsaPolicyOid, timeoutMs: config.tsaTimeoutMs };
  if (config.tsaUrl) return { ...common, url: config.tsaUrl, trustedRoots: parseTrustedTsaRoots(config.tsaCaCerts!) };
  const dir = path.join(config.dataDir, 'tsa');
  const tsa = await startLocalTsa({ dir, policyOid: config.tsaPolicyOid });
  stops.push(tsa.stop);
  log(`embedded timestamping authority at ${tsa.url} (credentials in ${dir}; it adds no independent trust)`);
  return { ...common, url: tsa.url, trustedRoots: [tsa.rootCertificate] };
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
