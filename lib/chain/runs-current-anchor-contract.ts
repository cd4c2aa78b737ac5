// Whether an address runs exactly this version of EvidenceAnchor: a dev chain may still hold a
// contract deployed by an older Evident, whose interface the current code cannot read.
import { getAddress } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_DEPLOYED_BYTECODE } from './anchor-abi';
import { toChainError } from '../proof/to-chain-error';

export async function runsCurrentAnchorContract({ provider, rpcUrl }: RpcConnection, address: string): Promise<boolean> {
  try {
    return (await provider.getCode(getAddress(address))).toLowerCase() === EVIDENCE_ANCHOR_DEPLOYED_BYTECODE.toLowerCase();
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
}
