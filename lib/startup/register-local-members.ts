// On the embedded dev chain the platform holds every member key, so it plays the consortium's
// governance itself: each member key that the contract does not list yet is proposed by the operator
// and approved by the other members until a majority has agreed. The banks' registered sign-off
// addresses (organization.sign_off_address) are made members the same way, without their keys: the
// ReconciliationAnchor accepts a bank's sign-off only from a member's key (spec §11.3). Never used for an external chain:
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
  extraMembers = [],
  log,
}: {
  chain: ChainConnection;
  contractAddress: string;
  /** Addresses to make members whose keys the platform does not hold (the banks' sign-off keys). */
  extraMembers?: readonly string[];
  log: (line: string) => void;
}): Promise<void> {
  const operator = chain.signer;
  if (!operator) throw new TypeError('registerLocalMembers needs the operator key on the chain connection.');
  const isMember = (address: string) => readIsMember(chain, contractAddress, address);
  const candidates = [...chain.memberSigners.map((wallet) => wallet.address), ...extraMembers];
  for (const candidate of candidates) {
    if (await isMember(candidate)) continue;
    const proposal = await send(operator, (contract) => contract.proposeMembership(candidate, true));
    const proposed = proposal.logs
      .map((entry) => EVIDENCE_ANCHOR_INTERFACE.parseLog(entry))
      .find((event) => event?.name === 'MembershipProposed');
    const proposalId = proposed!.args.id as bigint;
    for (const approver of chain.memberSigners) {
      if (await isMember(candidate)) break;
      if (approver.address.toLowerCase() === candidate.toLowerCase() || !(await isMember(approver.address))) continue;
      await send(approver, (contract) => contract.approveMembership(proposalId));
    }
    if (!(await isMember(candidate))) {
      throw new Error(`could not make ${candidate} a member of the local anchor contract ${contractAddress}`);
    }
    log(`consortium member ${candidate.toLowerCase()} added to the local anchor contract`);
  }

  async function send(wallet: Wallet, call: (contract: Contract) => Promise<{ hash: string }>) {
    const sent = await call(new Contract(contractAddress, EVIDENCE_ANCHOR_ABI, wallet));
    const receipt = await waitForReceipt(chain, sent.hash, { timeoutMs: RECEIPT_TIMEOUT_MS });
    if (receipt.status !== 1) throw new Error(`governance transaction ${sent.hash} reverted`);
    return receipt;
  }
}
