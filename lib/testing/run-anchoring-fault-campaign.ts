// Fault injection for the anchoring state machine: ingest, start the standalone worker, kill -9 it
// at a random moment, repeat; then let one worker finish and check the guarantees:
//   every acknowledged item is in a final batch, no root is anchored twice, no nonce gaps.
// Items alternate between a lender that anchors with its own member key and rows anchored with the
// operator's key, so the worker kills land while two signers have transactions in flight.
// Used by lib/batches/anchoring-faults.int.test.ts (CI) and bench/anchoring-faults.ts (more runs).
// runChainLossCampaign loses the chain's state instead (anvil restarted without it), once while the
// worker runs and once while it is down, with items arriving throughout
// (lib/batches/anchoring-chain-loss-campaign.int.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { BATCH_LANE_MATCHES } from '../batches/batch-of-evidence';
import { runQuery, sql } from '../db/sql';
import { recordEvidence } from '../evidence/record-evidence';
import { findAnchor } from '../proof/find-anchor';
import { connectChain, closeChain } from '../chain/connect-chain';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { startLocalChain } from '../chain/start-local-chain';
import { getCertificateStatus } from '../certificates/certificate-status';
import { issueCertificate } from '../certificates/issue-certificate';
import { loadIssuer } from '../certificates/load-issuer';
import { checkHealth } from '../health/check-health';
import { verifyCertificate } from '../proof/verify-certificate';
import { EVIDENCE_ANCHOR_INTERFACE } from '../chain/anchor-abi';
import { Wallet } from 'ethers';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, LOCAL_CHAIN_MEMBER_PRIVATE_KEY } from '../chain/start-local-chain';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { freePort, type TestServices } from './start-test-services';

export interface FaultCampaignResult {
  runs: number;
  killsByState: Record<string, number>;
  items: number;
  batches: number;
  failures: string[];
}

const OPERATOR = new Wallet(LOCAL_CHAIN_DEV_PRIVATE_KEY).address.toLowerCase();
const LENDER_MEMBER = new Wallet(LOCAL_CHAIN_MEMBER_PRIVATE_KEY).address.toLowerCase();
/** Batch `b` holds evidence row `e`. */
const HOLDS = sql`e.sequence BETWEEN b.first_sequence AND b.last_sequence AND ${BATCH_LANE_MATCHES}`;

export async function runAnchoringFaultCampaign({
  services,
  runs,
  itemsPerRun = 12,
  batchMaxLeaves = 3,
  maxKillDelayMs = 1000,
  log = () => undefined,
}: {
  services: TestServices;
  runs: number;
  itemsPerRun?: number;
  batchMaxLeaves?: number;
  maxKillDelayMs?: number;
  log?: (line: string) => void;
}): Promise<FaultCampaignResult> {
  const env = {
    ...process.env,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_PRIVATE_KEY: LOCAL_CHAIN_DEV_PRIVATE_KEY,
    MEMBER_ANCHOR_KEYS: LOCAL_CHAIN_MEMBER_PRIVATE_KEY,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
    DATA_DIR: services.config.dataDir,
    BATCH_INTERVAL_MS: '50',
    BATCH_MAX_LEAVES: String(batchMaxLeaves),
  };
  const acknowledged: string[] = [];
  const killsByState: Record<string, number> = {};
  const { organization: lender } = await findOrCreateOrganization({ prisma: services.prisma, name: 'Fault Campaign Lender', type: 'lender' });
  await services.prisma.organization.update({ where: { id: lender.id }, data: { anchorMemberAddress: LENDER_MEMBER } });

  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < itemsPerRun; i++) acknowledged.push(await ingestRandomItem(services, i % 2 === 0 ? lender.id : null));
    const worker = await startWorker(env);
    await sleep(Math.floor(Math.random() * maxKillDelayMs));
    const states = await services.prisma.batch.groupBy({ by: ['status'], _count: true, where: { status: { not: 'final' } } });
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const state = states.length === 0 ? 'idle' : states.map((s) => s.status).sort().join('+');
    killsByState[state] = (killsByState[state] ?? 0) + 1;
    log(`run ${run + 1}/${runs}: killed during ${state}`);
  }

  const finisher = await startWorker(env);
  try {
    await waitUntilAllFinal(services, acknowledged.length);
  } finally {
    finisher.kill('SIGTERM');
    await new Promise((resolve) => finisher.once('exit', resolve));
  }
  const failures = await checkGuarantees(services, acknowledged);
  const batches = await services.prisma.batch.count();
  return { runs, killsByState, items: acknowledged.length, batches, failures };
}

async function ingestRandomItem(services: TestServices, organizationId: string | null): Promise<string> {
  const content = randomBytes(32);
  const item = await recordEvidence({
    prisma: services.prisma,
    sha256: new Uint8Array(createHash('sha256').update(content).digest()),
    size: content.length,
    storageKey: null,
    fileName: 'fault.bin',
    mediaType: 'application/octet-stream',
    organizationId,
  });
  return item.id;
}

/** Starts scripts/worker.ts; with `lines`, every line it prints after start-up goes there too. */
function startWorker(env: NodeJS.ProcessEnv, lines?: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const worker = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/worker.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready:')) {
        worker.stdout!.off('data', onData);
        lines?.push(...output.split('\n'));
        if (lines) worker.stdout!.on('data', (more: Buffer) => lines.push(...more.toString().split('\n')));
        else worker.stdout!.resume();
        resolve(worker);
      }
    };
    worker.stdout!.on('data', onData);
    worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
}

async function waitUntilAllFinal(services: TestServices, items: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ covered }] = await runQuery(
      services.prisma,
      sql<{ covered: bigint }>`SELECT count(*) AS covered FROM evidence e JOIN batch b ON ${HOLDS} AND b.status = 'final'`,
    );
    const unfinished = await services.prisma.batch.count({ where: { status: { not: 'final' } } });
    if (Number(covered) >= items && unfinished === 0) return;
    if (Date.now() > deadline) throw new Error(`only ${covered} of ${items} items final after 120 s`);
    await sleep(200);
  }
}

async function checkGuarantees(services: TestServices, acknowledged: string[]): Promise<string[]> {
  const failures: string[] = [];
  const { prisma, chain, contractAddress } = services;

  const unanchored = await runQuery(
    prisma,
    sql<{ id: string }>`SELECT e.id::text AS id FROM evidence e
     WHERE e.id = ANY(${acknowledged}::uuid[]) AND NOT EXISTS (SELECT 1 FROM batch b WHERE ${HOLDS} AND b.status = 'final')`,
  );
  if (unanchored.length > 0) failures.push(`${unanchored.length} acknowledged items are not in a final batch`);

  const overlaps = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM batch a JOIN batch b ON a.id < b.id
    AND a.organization_id IS NOT DISTINCT FROM b.organization_id
    AND a.first_sequence <= b.last_sequence AND b.first_sequence <= a.last_sequence`;
  if (overlaps[0].n > 0n) failures.push(`${overlaps[0].n} pairs of batches of one organization overlap`);

  const batches = await prisma.batch.findMany({ where: { status: 'final' }, orderBy: { nonce: 'asc' } });
  const wrongSigner = batches.filter((b) => b.anchorSubmitter !== (b.organizationId === null ? OPERATOR : LENDER_MEMBER));
  if (wrongSigner.length > 0) failures.push(`${wrongSigner.length} batches anchored with another key than their organization's`);
  const logs = await chain.provider.getLogs({
    address: contractAddress,
    topics: [EVIDENCE_ANCHOR_INTERFACE.getEvent('RootAnchored')!.topicHash],
    fromBlock: 0,
    toBlock: 'latest',
  });
  const anchorsPerRoot = new Map<string, number>();
  for (const entry of logs) anchorsPerRoot.set(entry.topics[1], (anchorsPerRoot.get(entry.topics[1]) ?? 0) + 1);
  for (const [root, count] of anchorsPerRoot) if (count > 1) failures.push(`root ${root} anchored ${count} times`);
  for (const batch of batches) {
    const onChain = await findAnchor(chain, contractAddress, batch.root);
    if (!onChain || onChain.blockNumber !== batch.blockNumber) failures.push(`batch ${batch.id} is final but not on chain as recorded`);
  }

  for (const signer of [OPERATOR, LENDER_MEMBER]) {
    const nonces = batches.filter((b) => b.anchorSubmitter === signer).map((b) => b.nonce!);
    for (let i = 1; i < nonces.length; i++) {
      if (nonces[i] !== nonces[i - 1] + 1n) failures.push(`nonce gap of ${signer} between ${nonces[i - 1]} and ${nonces[i]}`);
    }
    const chainNonce = BigInt(await chain.provider.getTransactionCount(signer, 'latest'));
    if (nonces.length > 0 && chainNonce !== nonces[nonces.length - 1] + 1n) {
      failures.push(`${signer} sent ${chainNonce} transactions but its last anchor used nonce ${nonces[nonces.length - 1]}`);
    }
  }
  const reverted = logs.length !== batches.length;
  if (reverted) failures.push(`${logs.length} RootAnchored events for ${batches.length} final batches`);
  return failures;
}

export interface ChainLossCampaignResult {
  items: number;
  batches: number;
  /** ERROR lines the workers printed about a lost chain; one per loss is expected. */
  chainLossLines: number;
  /** chain.loss audit entries. */
  chainLossEntries: number;
  /** What /api/health reported afterwards. */
  lastChainLossAt: string | null;
  failures: string[];
}

/** A chain id apart from the fixture's own chain, whose deployment record this leaves alone. */
const LOSS_CHAIN_ID = 31_338;

export async function runChainLossCampaign({
  services,
  log = () => undefined,
}: {
  services: TestServices;
  log?: (line: string) => void;
}): Promise<ChainLossCampaignResult> {
  const port = await freePort();
  let node = await startLocalChain({ port, chainId: LOSS_CHAIN_ID });
  const loseState = async () => {
    await node.stop();
    node = await startLocalChain({ port, chainId: LOSS_CHAIN_ID });
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: node.rpcUrl,
    ANCHOR_PRIVATE_KEY: LOCAL_CHAIN_DEV_PRIVATE_KEY,
    DATA_DIR: services.config.dataDir,
    BATCH_INTERVAL_MS: '100',
    BATCH_MAX_LEAVES: '4',
    CHAIN_CONFIRMATIONS: '0',
  };
  // The worker deploys and records its own contract on this chain, and redeploys it after a loss.
  delete env.ANCHOR_CONTRACT_ADDRESS;
  delete env.MEMBER_ANCHOR_KEYS;
  const acknowledged: string[] = [];
  const workerLines: string[] = [];
  const ingest = async (count: number) => {
    for (let i = 0; i < count; i++) acknowledged.push(await ingestRandomItem(services, null));
  };
  /** Items keep arriving, one every 40 ms, until the returned function is called. */
  const keepIngesting = () => {
    let going = true;
    const loop = (async () => {
      while (going) {
        await ingest(1);
        await sleep(40);
      }
    })();
    return async () => {
      going = false;
      await loop;
    };
  };
  const issuer = await loadIssuer(services.config);
  const failures: string[] = [];

  let worker = await startWorker(env, workerLines);
  try {
    await ingest(8);
    await waitUntilAllFinal(services, acknowledged.length);
    const certifiedBefore = await Promise.all(
      acknowledged.slice(0, 3).map(async (id) => (await issueCertificate({ prisma: services.prisma, evidenceId: id, issuer })).serial),
    );
    log(`${acknowledged.length} items final; losing the chain's state while the worker runs`);
    const stopIngesting = keepIngesting();
    await sleep(300);
    await loseState();
    await sleep(700);
    await stopIngesting();
    await waitUntilAllFinal(services, acknowledged.length);

    log(`${acknowledged.length} items final again; losing the chain's state while the worker is down`);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    await ingest(4);
    await loseState();
    worker = await startWorker(env, workerLines);
    await ingest(4);
    await waitUntilAllFinal(services, acknowledged.length);

    for (const [i, serial] of certifiedBefore.entries()) {
      const current = await issueCertificate({ prisma: services.prisma, evidenceId: acknowledged[i], issuer });
      const status = await getCertificateStatus({ prisma: services.prisma, serial });
      if (!status.superseded || status.supersededBy !== current.serial) {
        failures.push(`certificate ${serial} of a re-anchored item is not reported superseded by ${current.serial}`);
      }
    }
  } finally {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  }

  const chain = await connectChain({ rpcUrl: node.rpcUrl });
  try {
    const deployment = await services.prisma.chainDeployment.findUniqueOrThrow({ where: { chainId: BigInt(LOSS_CHAIN_ID) } });
    failures.push(...(await checkSingleAnchors(services, chain, deployment.contractAddress, acknowledged)));
    const lookup = createAnchorLookup({ rpcUrl: node.rpcUrl });
    const revocation = (serial: string) => getCertificateStatus({ prisma: services.prisma, serial });
    for (const id of acknowledged) {
      const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: id, issuer });
      const report = await verifyCertificate({ certificate, chain: lookup, revocation });
      if (!report.valid) {
        const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.code);
        failures.push(`the certificate of item ${id} does not verify: ${failed.join(', ')}`);
      }
    }
  } finally {
    closeChain(chain);
    await node.stop();
  }
  const health = await checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, viewer: { kind: 'anonymous', ipAddress: null } });
  return {
    items: acknowledged.length,
    batches: await services.prisma.batch.count(),
    chainLossLines: workerLines.filter((line) => line.includes('ERROR chain')).length,
    chainLossEntries: await services.prisma.auditEntry.count({ where: { action: 'chain.loss' } }),
    lastChainLossAt: health.anchoring.lastChainLossAt,
    failures,
  };
}

/** Every item in a final batch, each root anchored once on the final chain, where the batch says. */
async function checkSingleAnchors(
  services: TestServices,
  chain: Awaited<ReturnType<typeof connectChain>>,
  contractAddress: string,
  acknowledged: string[],
): Promise<string[]> {
  const failures: string[] = [];
  const unanchored = await runQuery(
    services.prisma,
    sql<{ id: string }>`SELECT e.id::text AS id FROM evidence e
     WHERE e.id = ANY(${acknowledged}::uuid[]) AND NOT EXISTS (SELECT 1 FROM batch b WHERE ${HOLDS} AND b.status = 'final')`,
  );
  if (unanchored.length > 0) failures.push(`${unanchored.length} acknowledged items are not in a final batch`);
  const batches = await services.prisma.batch.findMany({ where: { status: 'final' } });
  const logs = await chain.provider.getLogs({
    address: contractAddress,
    topics: [EVIDENCE_ANCHOR_INTERFACE.getEvent('RootAnchored')!.topicHash],
    fromBlock: 0,
    toBlock: 'latest',
  });
  const anchorsPerRoot = new Map<string, number>();
  for (const entry of logs) anchorsPerRoot.set(entry.topics[1], (anchorsPerRoot.get(entry.topics[1]) ?? 0) + 1);
  for (const [root, count] of anchorsPerRoot) if (count > 1) failures.push(`root ${root} anchored ${count} times`);
  if (logs.length !== batches.length) failures.push(`${logs.length} RootAnchored events for ${batches.length} final batches`);
  for (const batch of batches) {
    const onChain = await findAnchor(chain, contractAddress, batch.root);
    if (!onChain || onChain.blockNumber !== batch.blockNumber) failures.push(`batch ${batch.id} is final but not on chain as recorded`);
  }
  return failures;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
