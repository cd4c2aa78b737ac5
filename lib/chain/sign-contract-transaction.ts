// Builds and signs a call to one of Evident's contracts offline, without sending it: the caller can
// store the raw bytes with their nonce first, so after a crash the very same transaction is re-sent
// instead of a second one being signed. A legacy (type 0) transaction with an explicit gas price and
// limit works unchanged on anvil, Besu/Quorum (free gas) and FISCO BCOS's web3 RPC (gas price 0).
import { keccak256, type Wallet } from 'ethers';

export interface SignedContractTransaction {
  rawTx: string;
  txHash: string;
}

export async function signContractTransaction(
  signer: Wallet,
  {
    chainId,
    contractAddress,
    data,
    nonce,
    gasPrice,
    gasLimit,
  }: {
    chainId: bigint;
    contractAddress: string;
    /** The ABI-encoded call, 0x-hex. */
    data: string;
    nonce: bigint;
    gasPrice: bigint;
    gasLimit: bigint;
  },
): Promise<SignedContractTransaction> {
  const rawTx = await signer.signTransaction({
    type: 0,
    chainId,
    to: contractAddress,
    data,
    nonce: Number(nonce),
    gasPrice,
    gasLimit,
    value: 0n,
  });
  return { rawTx, txHash: keccak256(rawTx) };
}
