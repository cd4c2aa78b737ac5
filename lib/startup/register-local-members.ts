// On the embedded dev chain the platform holds every member key, so it plays the consortium's
// governance itself: each member key that the contract does not list yet is proposed by the operator
// and approved by the other members until a majority has agreed. Never used for an external chain:
// there the consortium's members vote themselves (README, Operations: add a consortium member).
import { Contract, type Wallet } from 'ethers';
import { EVIDENCE_ANCHOR_ABI, EVIDENCE_ANCHOR_INTERFACE } from '../chain/anchor-abi';
import type { ChainConnection } from '../chain/connect-chain';
import { readIsMember } from '../chain/read-is-member';
import { waitForReceipt } from '../chain/wait-for-receipt';

const RECEIPT_TIMEOUT_MS = 30_000;

export async function registerLocalMembers({
  chain,
  contractAddress,
  log,
}: {
  chain: ChainConnection;
  contractAddress: string;
  log: (line: string) => void;
}): Promise<void> {
  const operator = chain.signer;
  if (!operator) throw new TypeError('registerLocalMembers needs the operator key on the chain connection.');
  const isMember = (wallet: Wallet) => readIsMember(chain, contractAddress, wallet.address);
  for (const candidate of chain.memberSigners) {
    if (await isMember(candidate)) continue;
    const proposal = await send(operator, (contract) => contract.proposeMembership(candidate.address, true));
    const proposed = proposal.logs
      .map((entry) => EVIDENCE_ANCHOR_INTERFACE.parseLog(entry))
      .find((event) => event?.name === 'MembershipProposed');
    const proposalId = proposed!.args.id as bigint;
    for (const approver of chain.memberSigners) {
      if (await isMember(candidate)) break;
      if (approver === candidate || !(await isMember(approver))) continue;
      await send(approver, (contract) => contract.approveMembership(proposalId));
    }
    if (!(await isMember(candidate))) {
      throw new Error(`could not make ${candidate.address} a member of the local anchor contract ${contractAddress}`);
    }
    log(`consortium member ${candidate.address.toLowerCase()} added to the local anchor contract`);
  }

  async function send(wallet: Wallet, call: (contract: Contract) => Promise<{ hash: string }>) {
    const sent = await call(new Contract(contractAddress, EVIDENCE_ANCHOR_ABI, wallet));
    const receipt = await waitForReceipt(chain, sent.hash, { timeoutMs: RECEIPT_TIMEOUT_MS });
    if (receipt.status !== 1) throw new Error(`governance transaction ${sent.hash} reverted`);
    return receipt;
  }
}
