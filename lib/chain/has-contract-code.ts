// Whether an address holds contract code: tells a configured contract address that points at
// nothing (a wiped dev chain, a wrong network) from one that is merely unanchored.
import { getAddress } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { toChainError } from '../proof/to-chain-error';

export async function hasContractCode({ provider, rpcUrl }: RpcConnection, address: string): Promise<boolean> {
  const checked = getAddress(address);
  try {
    return (await provider.getCode(checked)) !== '0x';
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
}
