// Asks the anchor contract whether an address is a consortium member, i.e. may anchor.
import { getAddress } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { toChainError } from '../proof/to-chain-error';

export async function readIsMember({ provider, rpcUrl }: RpcConnection, contractAddress: string, account: string): Promise<boolean> {
  try {
    const result = await provider.call({
      to: getAddress(contractAddress),
      data: EVIDENCE_ANCHOR_INTERFACE.encodeFunctionData('isMember', [getAddress(account)]),
    });
    const [member] = EVIDENCE_ANCHOR_INTERFACE.decodeFunctionResult('isMember', result) as unknown as [boolean];
    return member;
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
}
