// Start-up's ReconciliationAnchor (docs/reconciliation-format.md §11.4) on the real platform services
// (database and anvil): deployed once bound to the running EvidenceAnchor and recorded on the chain's
// deployment row, kept on the next start, replaced when bound to another EvidenceAnchor, and a
// configured address that is no ReconciliationAnchor of ours refused with a message naming it.
import { Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployAnchorContract } from '../chain/deploy-anchor-contract';
import { deployReconciliationAnchor } from '../chain/deploy-reconciliation-anchor';
import { RECONCILIATION_ANCHOR_ABI, RECONCILIATION_ANCHOR_DEPLOYED_BYTECODE } from '../chain/reconciliation-anchor-abi';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { ensureReconciliationAnchor } from './ensure-reconciliation-anchor';

let services: TestServices;
const lines: string[] = [];
const log = (line: string) => void lines.push(line);

beforeAll(async () => {
  services = await startTestServices();
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

const boundTo = async (address: string) =>
  ((await new Contract(address, RECONCILIATION_ANCHOR_ABI, services.chain.provider).getFunction('evidenceAnchor')()) as string).toLowerCase();
const recordedAddress = async () =>
  (await services.prisma.chainDeployment.findUniqueOrThrow({ where: { chainId: services.chain.chainId } })).reconciliationAnchorAddress;

describe('ensureReconciliationAnchor', () => {
  it('start-up deploys a ReconciliationAnchor bound to the running EvidenceAnchor and records it per chain', async () => {
    const address = (await recordedAddress())!;
    expect(address).toMatch(/^0x[0-9a-f]{40}$/);
    expect((await services.chain.provider.getCode(address)).toLowerCase()).toBe(RECONCILIATION_ANCHOR_DEPLOYED_BYTECODE.toLowerCase());
    expect(await boundTo(address)).toBe(services.contractAddress);
  });

  it('keeps the recorded one on the next start instead of deploying again', async () => {
    const address = (await recordedAddress())!;
    const before = await services.chain.provider.getBlockNumber();
    const again = await ensureReconciliationAnchor({
      prisma: services.prisma,
      chain: services.chain,
      evidenceAnchorAddress: services.contractAddress,
      log,
    });
    expect(again).toEqual({ address, freshlyDeployed: false });
    expect(await services.chain.provider.getBlockNumber()).toBe(before);
  });

  it('replaces a recorded one bound to another EvidenceAnchor (a replaced chain contract)', async () => {
    const otherEvidenceAnchor = await deployAnchorContract(services.chain);
    const stale = await deployReconciliationAnchor(services.chain, { evidenceAnchorAddress: otherEvidenceAnchor.address });
    await services.prisma.chainDeployment.update({
      where: { chainId: services.chain.chainId },
      data: { reconciliationAnchorAddress: stale.address },
    });
    const replaced = await ensureReconciliationAnchor({
      prisma: services.prisma,
      chain: services.chain,
      evidenceAnchorAddress: services.contractAddress,
      log,
    });
    expect(replaced.freshlyDeployed).toBe(true);
    expect(replaced.address).not.toBe(stale.address);
    expect(await boundTo(replaced.address)).toBe(services.contractAddress);
    expect(await recordedAddress()).toBe(replaced.address);
    expect(lines.some((line) => line.includes(`the ReconciliationAnchor at ${stale.address} is gone or bound to another EvidenceAnchor`))).toBe(true);
  });

  it('adopts a configured address that is a ReconciliationAnchor bound to the running EvidenceAnchor', async () => {
    const operatorDeployed = await deployReconciliationAnchor(services.chain, { evidenceAnchorAddress: services.contractAddress });
    const adopted = await ensureReconciliationAnchor({
      prisma: services.prisma,
      chain: services.chain,
      evidenceAnchorAddress: services.contractAddress,
      configuredAddress: operatorDeployed.address,
      log,
    });
    expect(adopted).toEqual({ address: operatorDeployed.address, freshlyDeployed: false });
    expect(await recordedAddress()).toBe(operatorDeployed.address);
  });

  it('refuses to start with a configured address that has no code, or is not a ReconciliationAnchor bound to ours', async () => {
    const ensure = (configuredAddress: string) =>
      ensureReconciliationAnchor({
        prisma: services.prisma,
        chain: services.chain,
        evidenceAnchorAddress: services.contractAddress,
        configuredAddress,
        log,
      });
    const refusal = (address: string) =>
      `RECONCILIATION_ANCHOR_ADDRESS ${address} on chain 31337 is not a ReconciliationAnchor bound to the EvidenceAnchor ${services.contractAddress}.`;
    const empty = `0x${'ab'.repeat(20)}`;
    await expect(ensure(empty)).rejects.toThrow(refusal(empty));
    // The EvidenceAnchor itself answers no evidenceAnchor(): not a ReconciliationAnchor.
    await expect(ensure(services.contractAddress)).rejects.toThrow(refusal(services.contractAddress));
    const otherEvidenceAnchor = await deployAnchorContract(services.chain);
    const foreign = await deployReconciliationAnchor(services.chain, { evidenceAnchorAddress: otherEvidenceAnchor.address });
    await expect(ensure(foreign.address)).rejects.toThrow(refusal(foreign.address));
    // A refused address is not recorded: the next start still uses the last good one.
    expect(await recordedAddress()).not.toBe(foreign.address);
  });
});
