// Deploys a fresh EvidenceAnchor from the checked-in artifact with its founding members (by default
// the signer alone); from then on a majority of the members decides membership. Used for the
// embedded dev chain and by operators bootstrapping a consortium chain.
import { getAddress, ZeroAddress } from 'ethers';
import type { ChainConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_BYTECODE, EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { deployContract, type DeployedContract } from './deploy-contract';

export type DeployedAnchorContract = DeployedContract;

export async function deployAnchorContract(
  connection: ChainConnection,
  {
    initialMembers = [],
    receiptTimeoutMs = 60_000,
  }: {
    /** Addresses of the founding members; empty (the default) makes the signer the only member. */
    initialMembers?: string[];
    receiptTimeoutMs?: number;
  } = {},
): Promise<DeployedAnchorContract> {
  if (!connection.signer) throw new TypeError('deployAnchorContract needs a chain connection opened with a private key.');
  const members = initialMembers.map((member, i) => {
    let address: string;
    try {
      address = getAddress(member);
    } catch {
      throw new RangeError(
        `initialMembers[${i}] must be a 20-byte 0x-hex address (lowercase, or with a valid EIP-55 checksum), got ${JSON.stringify(member)}.`,
      );
    }
    if (address === ZeroAddress) throw new RangeError(`initialMembers[${i}] is the zero address, which can never send a transaction.`);
    return address;
  });
  const duplicate = members.find((member, i) => members.indexOf(member) !== i);
  if (duplicate) throw new RangeError(`initialMembers lists ${duplicate.toLowerCase()} twice.`);
  const constructorArguments = EVIDENCE_ANCHOR_INTERFACE.encodeDeploy([members]).slice(2);

  return deployContract(connection, {
    contractName: 'EvidenceAnchor',
    creationCode: EVIDENCE_ANCHOR_BYTECODE + constructorArguments,
    receiptTimeoutMs,
  });
}
