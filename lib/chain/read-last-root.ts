// Reads the root a member anchored last (lastRootOf), the previousRoot its next anchor must name.
import { getAddress, getBytes, isCallException, type JsonRpcProvider } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { ContractNotDeployedError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';

/** 32 bytes; all zeros before the member's first anchor. ContractNotDeployedError when no anchor contract is there. */
export async function readLastRoot({ provider, rpcUrl }: RpcConnection, contractAddress: string, member: string): Promise<Uint8Array> {
  const contract = getAddress(contractAddress).toLowerCase();
  let memberAddress: string;
  try {
    memberAddress = getAddress(member);
  } catch {
    throw new RangeError(`member must be a 20-byte 0x-hex address, got ${JSON.stringify(member)}.`);
  }

  let result: string;
  try {
    result = await provider.call({
      to: contract,
      data: EVIDENCE_ANCHOR_INTERFACE.encodeFunctionData('lastRootOf', [memberAddress]),
    });
  } catch (error) {
    // lastRootOf never reverts, so a revert means some other contract lives at that address.
    if (isCallException(error)) throw await notDeployed(provider, contract);
    throw toChainError(error, rpcUrl);
  }
  let lastRoot: string;
  try {
    [lastRoot] = EVIDENCE_ANCHOR_INTERFACE.decodeFunctionResult('lastRootOf', result) as unknown as [string];
  } catch {
    // An address without code answers "0x"; another contract may answer anything.
    throw await notDeployed(provider, contract);
  }
  return getBytes(lastRoot);
}

async function notDeployed(provider: JsonRpcProvider, contract: string): Promise<ContractNotDeployedError> {
  const { chainId } = await provider.getNetwork();
  return new ContractNotDeployedError(contract, chainId);
}
