// Confirms on chain that the root was anchored where, when and by which consortium member the
// certificate says, as the link after the previous root it names. The chain is reached only through
// AnchorLookup, so the browser, the CLI and the API can each bring their own RPC.
import type { AnchorLookup } from './anchor-lookup';
import { ContractNotDeployedError } from './chain-errors';
import type { Certificate } from './certificate-schema';
import { interpretBlockTime } from './interpret-block-time';
import type { CheckCode, VerificationCheck } from './verification-report';

const ID = 'chain-anchor';

export async function checkChainAnchor(certificate: Certificate, chain?: AnchorLookup): Promise<VerificationCheck> {
  if (!chain) {
    return {
      id: ID,
      status: 'skipped',
      code: 'chain-anchor.no-chain',
      message: 'No chain connection was given, so the anchor on chain was not checked.',
    };
  }
  try {
    return await compareWithChain(certificate, chain);
  } catch (error) {
    // getAnchor answered 0x (or nothing decodable): there is no anchor contract at that address.
    if (error instanceof ContractNotDeployedError) {
      return {
        id: ID,
        status: 'fail',
        code: 'chain-anchor.contract-not-found',
        message: `No anchor contract exists at ${certificate.anchor.contract} on chain ${certificate.anchor.chainId} (getAnchor answered 0x): the certificate names the wrong contract or chain.`,
        params: { contract: certificate.anchor.contract, chainId: certificate.anchor.chainId },
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { id: ID, status: 'fail', code: 'chain-anchor.unreachable', message: `Could not reach the chain: ${reason}`, params: { reason } };
  }
}

async function compareWithChain(certificate: Certificate, chain: AnchorLookup): Promise<VerificationCheck> {
  const { anchor, proof } = certificate;
  const fail = (code: CheckCode, message: string, params: Record<string, string>): VerificationCheck => ({
    id: ID,
    status: 'fail',
    code,
    message,
    params,
  });

  const chainId = await chain.chainId();
  if (chainId !== BigInt(anchor.chainId)) {
    return fail(
      'chain-anchor.chain-id-mismatch',
      `The chain reached reports chain id ${chainId}, but the certificate was anchored on chain id ${anchor.chainId}.`,
      { chainId: chainId.toString(), certificateChainId: anchor.chainId },
    );
  }

  const onChain = await chain.findAnchor(anchor.contract, proof.root);
  if (!onChain) {
    return fail(
      'chain-anchor.root-not-anchored',
      `The root ${proof.root} is not anchored in contract ${anchor.contract} on chain ${anchor.chainId}.`,
      { root: proof.root, contract: anchor.contract, chainId: anchor.chainId },
    );
  }
  if (onChain.blockNumber !== BigInt(anchor.blockNumber)) {
    return fail(
      'chain-anchor.block-mismatch',
      `The contract records the root in block ${onChain.blockNumber}, but the certificate states block ${anchor.blockNumber}.`,
      { chainBlockNumber: onChain.blockNumber.toString(), certificateBlockNumber: anchor.blockNumber },
    );
  }
  if (onChain.blockTime !== BigInt(anchor.blockTime)) {
    return fail(
      'chain-anchor.block-time-mismatch',
      `The contract records block time ${onChain.blockTime}, but the certificate states ${anchor.blockTime}.`,
      { chainBlockTime: onChain.blockTime.toString(), certificateBlockTime: anchor.blockTime },
    );
  }
  if (!sameHex(onChain.submitter, anchor.submitter)) {
    return fail(
      'chain-anchor.submitter-mismatch',
      `The contract records the root as anchored by member ${onChain.submitter.toLowerCase()}, but the certificate states ${anchor.submitter}.`,
      { chainSubmitter: onChain.submitter.toLowerCase(), certificateSubmitter: anchor.submitter },
    );
  }
  if (!sameHex(onChain.previousRoot, anchor.previousRoot)) {
    return fail(
      'chain-anchor.previous-root-mismatch',
      `The contract records the root as anchored after previous root ${onChain.previousRoot.toLowerCase()}, but the certificate states ${anchor.previousRoot}.`,
      { chainPreviousRoot: onChain.previousRoot.toLowerCase(), certificatePreviousRoot: anchor.previousRoot },
    );
  }
  // The proof alone does not fix the tree size; the anchored leaf count does.
  if (onChain.leafCount !== BigInt(proof.treeSize)) {
    return fail(
      'chain-anchor.leaf-count-mismatch',
      `The contract records a batch of ${onChain.leafCount} leaves under this root, but the proof claims ${proof.treeSize}.`,
      { chainLeafCount: onChain.leafCount.toString(), proofTreeSize: String(proof.treeSize) },
    );
  }

  const transaction = await chain.findAnchorTransaction(anchor.txHash);
  if (!transaction) {
    return fail(
      'chain-anchor.transaction-not-found',
      `The anchoring transaction ${anchor.txHash} was not found on chain ${anchor.chainId}.`,
      { txHash: anchor.txHash, chainId: anchor.chainId },
    );
  }
  if (!transaction.succeeded) {
    return fail('chain-anchor.transaction-failed', `The anchoring transaction ${anchor.txHash} failed on chain, so it anchored nothing.`, {
      txHash: anchor.txHash,
    });
  }
  if (transaction.blockNumber !== BigInt(anchor.blockNumber)) {
    return fail(
      'chain-anchor.transaction-block-mismatch',
      `The transaction ${anchor.txHash} is in block ${transaction.blockNumber}, not in block ${anchor.blockNumber} as the certificate states.`,
      { txHash: anchor.txHash, transactionBlockNumber: transaction.blockNumber.toString(), certificateBlockNumber: anchor.blockNumber },
    );
  }
  const event = transaction.anchoredRoots.find((entry) => sameHex(entry.contract, anchor.contract) && sameHex(entry.root, proof.root));
  if (!event) {
    return fail(
      'chain-anchor.transaction-did-not-anchor',
      `The transaction ${anchor.txHash} did not anchor root ${proof.root} in contract ${anchor.contract}.`,
      { txHash: anchor.txHash, root: proof.root, contract: anchor.contract },
    );
  }

  // The event's words are the chain's record too (section 8.3): each must say what the certificate says.
  const words: Array<[string, string, string]> = [
    ['submitter', event.submitter, anchor.submitter],
    ['previousRoot', event.previousRoot, anchor.previousRoot],
    ['leafCount', event.leafCount.toString(), String(proof.treeSize)],
    ['blockTime', event.blockTime.toString(), anchor.blockTime],
  ];
  for (const [field, chainValue, certificateValue] of words) {
    if (chainValue.toLowerCase() !== certificateValue.toLowerCase()) {
      return fail(
        'chain-anchor.event-mismatch',
        `The RootAnchored event of transaction ${anchor.txHash} records ${field} ${chainValue}, but the certificate states ${certificateValue}.`,
        { txHash: anchor.txHash, field, chainValue, certificateValue },
      );
    }
  }

  const time = interpretBlockTime(onChain.blockTime);
  const first = /^0x0+$/.test(anchor.previousRoot);
  const link = first ? 'as its first anchor' : `after its previous root ${anchor.previousRoot}`;
  return {
    id: ID,
    status: 'pass',
    code: first ? 'chain-anchor.anchored-first' : 'chain-anchor.anchored',
    message:
      `The root was anchored by consortium member ${anchor.submitter} in contract ${anchor.contract} on chain ${anchor.chainId}, ` +
      `block ${anchor.blockNumber}${time.iso ? ` at ${time.iso}` : ''}, by transaction ${anchor.txHash}, ${link}.`,
    params: {
      submitter: anchor.submitter,
      contract: anchor.contract,
      chainId: anchor.chainId,
      blockNumber: anchor.blockNumber,
      ...(time.iso ? { blockTime: time.iso } : {}),
      txHash: anchor.txHash,
      previousRoot: anchor.previousRoot,
    },
    details: {
      chainId: anchor.chainId,
      contract: anchor.contract,
      submitter: anchor.submitter,
      previousRoot: anchor.previousRoot,
      txHash: anchor.txHash,
      blockNumber: anchor.blockNumber,
      blockTime: anchor.blockTime,
      blockTimeUnit: time.unit,
      ...(time.iso ? { blockTimeIso: time.iso } : {}),
      firstSequence: onChain.firstSequence.toString(),
      leafCount: onChain.leafCount.toString(),
    },
  };
}

// Lookups may hand back checksummed addresses or upper-case hashes; the certificate is lowercase.
function sameHex(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
