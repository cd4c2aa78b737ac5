// "Verify all" for the reconciliation certificates of a case: each is checked exactly as the CLI and
// /verify check it (format, proof against the attested sides, the issuer's signature, pinned to this
// platform's issuer), and then against the chain, not the database: every attested side must be the
// side the ReconciliationAnchor holds for that pair, day and bank (root, row count and the receipt's
// SHA-256), read over JSON-RPC. A side not anchored yet fails: nothing on chain backs it.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { bytesEqual } from '../proof/bytes-equal';
import { connectReadOnlyChain } from '../proof/connect-read-only-chain';
import { fromHex } from '../proof/hex';
import { verifyCertificate } from '../proof/verify-certificate';
import { currentReconciliationAnchor } from '../reconciliation/current-reconciliation-anchor';
import { pairIdOnChain } from '../reconciliation/pair-id-on-chain';
import { parseReconciliationCertificate } from '../reconciliation/reconciliation-certificate';
import { readReconciliationDay, type AnchoredSide } from '../reconciliation/read-reconciliation-day';
import type { ReconciliationVerification } from './case-schemas';

const CHAIN_TIMEOUT_MS = 10_000;

export async function verifyReconciliationCertificates({
  prisma,
  caseId,
  issuerAddress,
  chainRpcUrl,
}: {
  prisma: PrismaClient;
  caseId: string;
  issuerAddress: string;
  chainRpcUrl: string;
}): Promise<ReconciliationVerification[]> {
  const attached = await prisma.caseReconciliationCertificate.findMany({
    where: { caseId },
    include: { certificate: true },
    orderBy: [{ addedAt: 'asc' }, { serial: 'asc' }],
  });
  if (attached.length === 0) return [];
  const anchor = await currentReconciliationAnchor(prisma);
  let connection: Awaited<ReturnType<typeof connectReadOnlyChain>> | null = null;
  let chainError: string | null = null;
  try {
    connection = await connectReadOnlyChain({ rpcUrl: chainRpcUrl, requestTimeoutMs: CHAIN_TIMEOUT_MS });
  } catch (error) {
    chainError = `The chain could not be read: ${(error as Error).message}`;
  }
  try {
    const results: ReconciliationVerification[] = [];
    for (const { certificate: stored } of attached) {
      const document: unknown = JSON.parse(stored.document);
      const report = await verifyCertificate({ certificate: document, trustedIssuers: [issuerAddress] });
      const checks = report.checks.map(({ id, status, message, code, params }) => ({ id, status, message, code, params }));
      const certificate = report.valid ? parseReconciliationCertificate(document) : null;
      const chain: ReconciliationVerification['chain'] = [];
      if (certificate) {
        let day: { sideA: AnchoredSide | null; sideB: AnchoredSide | null } | null = null;
        let readError = chainError ?? (anchor ? null : 'No ReconciliationAnchor is recorded for the chain.');
        if (!readError && connection) {
          try {
            day = await readReconciliationDay(connection, { contract: anchor!.contract, pairId: pairIdOnChain(certificate.pair.id), businessDate: certificate.businessDate });
          } catch (error) {
            readError = `The chain could not be read: ${(error as Error).message}`;
          }
        }
        // Named in every message, so a tribunal can read the same getSide itself.
        const where = anchor ? `${anchor.chainId} (ReconciliationAnchor ${anchor.contract})` : '';
        for (const side of certificate.attestedSides) {
          const bank = side.bank as 'A' | 'B';
          if (!day) {
            chain.push({ bank, status: 'fail', message: readError! });
            continue;
          }
          const anchored = bank === 'A' ? day.sideA : day.sideB;
          if (!anchored) {
            chain.push({ bank, status: 'fail', message: `Bank ${bank}'s side for ${certificate.businessDate} is not anchored on chain ${where} (yet).` });
          } else if (
            bytesEqual(anchored.root, fromHex(side.root)) &&
            anchored.rowCount === side.rowCount &&
            bytesEqual(anchored.receiptHash, fromHex(side.receiptSha256))
          ) {
            chain.push({ bank, status: 'pass', message: `Bank ${bank}'s side is the one anchored on chain ${where} in block ${anchored.blockNumber}: same root, row count and receipt.` });
          } else {
            chain.push({ bank, status: 'fail', message: `Bank ${bank}'s side on chain ${where} differs from the attested one (root, row count or receipt).` });
          }
        }
      }
      const passed = report.valid && chain.length > 0 && chain.every((side) => side.status === 'pass');
      const failure = checks.find((check) => check.status === 'fail')?.message ?? chain.find((side) => side.status === 'fail')?.message;
      results.push({
        serial: stored.serial,
        businessDate: stored.businessDate,
        class: certificate?.class ?? 'unknown',
        pairName: certificate ? `${certificate.pair.bankA} / ${certificate.pair.bankB}` : '—',
        sha256: `0x${createHash('sha256').update(stored.document).digest('hex')}`,
        passed,
        message: passed ? 'The certificate holds, and every side it attests is the one anchored on chain.' : (failure ?? 'Not checked against the chain.'),
        checks,
        chain,
      });
    }
    return results;
  } finally {
    connection?.provider.destroy();
  }
}
