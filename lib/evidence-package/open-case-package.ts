// The case evidence package (证据包): one ZIP that a tribunal keeps and that anyone can re-check
// offline, years later, without Evident. Streamed entry by entry (client-zip, stored entries, ZIP64
// when needed): nothing is built in memory or in a temporary file of the package's size.
//
// Deterministic: the same case state gives a byte-identical ZIP. Entries come in sorted path order,
// every entry carries the same time (the case state's time, `asOf`), JSON is written with a fixed
// key order, certificates and their PDFs are re-issued from stored data (EIP-712 signatures are
// deterministic, RFC 6979), and the report is the stored latest one. So the package's SHA-256 is a
// stable reference; every download is audited with it.
import { createHash } from 'node:crypto';
import { makeZip } from 'client-zip';
import { casePackagesVisibleTo, authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { recordAuditEvent } from '../audit/append-audit-entry';
import { getVerificationReport } from '../cases/get-verification-report';
import { renderVerificationReportFile } from '../cases/download-verification-report';
import { readEvidenceStatuses } from '../cases/read-evidence-statuses';
import { CASE_PARTY_NAMES } from '../cases/list-cases';
import { readEvidenceProvenance } from '../evidence/read-evidence-provenance';
import { issueCertificate } from '../certificates/issue-certificate';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { CaseNotFoundError } from '../errors';
import { isUuid } from '../ids';
import type { OperatorStatements } from '../legal/operator-statements';
import type { SealImage } from '../legal/operator-seal-image';
import { renderVerifyHtml } from '../offline-verifier/render-verify-html';
import { toHex } from '../proof/hex';
import { manifestSha256, PACKAGE_SIGNATURE_FORMAT, packageSignatureTypedData, type PackageSignature } from '../proof/package-manifest-signature';
import { openStoredFile } from '../storage/store-stream';
import { cachedCertificatePdf } from './cached-certificate-pdf';
import { buildPackageReadme } from './package-readme';
import { originalEntryName } from './package-entry-name';
import type { PackageManifest, PackageManifestItem } from './package-manifest';

export interface CasePackage {
  fileName: string;
  stream: ReadableStream<Uint8Array>;
}

interface ZipEntry {
  name: string;
  lastModified: Date;
  input: string | Uint8Array | AsyncIterable<Uint8Array>;
  size?: number;
}

const encoder = new TextEncoder();
const ISSUE_AHEAD = 8;
/** Originals are read in chunks of this size: with Node's 64 KiB default, the per-chunk work of the
 * streams (not the bytes) was the larger part of copying them (bench/evidence-package.ts). */
const ORIGINAL_CHUNK_BYTES = 1 << 20;

/** Passes a stored original's chunks through and fails at its end if their SHA-256 is not the
 * notarized one: a changed original fails the download instead of entering the package. */
async function* rehashed(chunks: AsyncIterable<Uint8Array>, expected: string, evidenceId: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = `0x${hash.digest('hex')}`;
  if (actual !== expected) throw new Error(`the stored file of evidence ${evidenceId} changed while it was being sent (now ${actual})`);
}

/** Runs `work` on the items in order with up to `ahead` running at once; next() gives the results
 * in order. A failure surfaces at its item's turn. */
function inOrderAhead<T, R>(items: T[], ahead: number, work: (item: T) => Promise<R>): { next(): Promise<R> } {
  const started: Array<Promise<R>> = [];
  let taken = 0;
  const fill = () => {
    while (started.length < items.length && started.length < taken + ahead) {
      const promise = work(items[started.length]!);
      promise.catch(() => undefined); // reported when its turn comes
      started.push(promise);
    }
  };
  return {
    next() {
      fill();
      const result = started[taken]!;
      taken += 1;
      fill();
      return result;
    },
  };
}
const json = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
const sha256Of = (bytes: string | Uint8Array) => `0x${createHash('sha256').update(bytes).digest('hex')}`;

export async function openCasePackage({
  prisma,
  viewer,
  caseId,
  issuer,
  storageDir,
  publicBaseUrl,
  operatorStatements = null,
  operatorSealImage = null,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  issuer: Issuer;
  storageDir: string;
  publicBaseUrl: string;
  /** For the report's legal review section (OPERATOR_STATEMENTS_FILE). */
  operatorStatements?: OperatorStatements | null;
  /** Drawn on the certificate PDFs only when configured (OPERATOR_SEAL_IMAGE_FILE). */
  operatorSealImage?: SealImage | null;
}): Promise<CasePackage> {
  authorize(viewer, 'case.package');
  if (!isUuid(caseId)) throw new CaseNotFoundError(caseId);
  const row = await prisma.arbitrationCase.findFirst({
    where: { AND: [{ id: caseId }, casePackagesVisibleTo(viewer)] },
    include: {
      ...CASE_PARTY_NAMES,
      evidence: { include: { evidence: true }, orderBy: { evidence: { sequence: 'asc' } } },
      reports: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, createdAt: true } },
      reconciliationCertificates: { include: { certificate: true }, orderBy: [{ addedAt: 'asc' }, { serial: 'asc' }] },
    },
  });
  if (!row) throw new CaseNotFoundError(caseId);
  const items = row.evidence.map((link) => link.evidence);
  const statuses = await readEvidenceStatuses(prisma, items.map((item) => item.id));
  const provenance = await readEvidenceProvenance(prisma, items);
  const latestReport = row.reports[0];
  const asOf = new Date(
    Math.max(row.updatedAt.getTime(), latestReport?.createdAt.getTime() ?? 0, ...items.map((item) => item.submittedAt.getTime())),
  );
  const folder = `${row.caseNumber}-evidence-package`;
  const entryName = (path: string) => `${folder}/${path}`;
  const width = Math.max(3, String(items.length).length);
  const number = (position: number) => String(position).padStart(width, '0');

  async function* entries(): AsyncGenerator<ZipEntry> {
    const file = (path: string, input: string | Uint8Array): ZipEntry => ({ name: entryName(path), lastModified: asOf, input });
    const readme = buildPackageReadme({ caseNumber: row!.caseNumber, itemCount: items.length });
    yield file('README.txt', readme);

    // certificates/: issued (or re-issued, deterministically) from stored data. Issuing is a few
    // database reads per item, so up to ISSUE_AHEAD items are prepared while earlier ones are written.
    const manifestItems: PackageManifestItem[] = [];
    const prepared = inOrderAhead(items, ISSUE_AHEAD, async (item) => {
      if ((statuses.get(item.id) ?? 'pending') !== 'anchored') return null;
      const issued = await issueCertificate({ prisma, evidenceId: item.id, issuer });
      const json = `${JSON.stringify(issued, null, 2)}\n`;
      const pdf = await cachedCertificatePdf({
        certificate: issued,
        certificateJson: json,
        publicBaseUrl,
        storageDir,
        operator: { statements: operatorStatements, sealImage: operatorSealImage },
      });
      return { serial: issued.serial, json, pdf };
    });
    for (const [index, item] of items.entries()) {
      const position = index + 1;
      const status = statuses.get(item.id) ?? 'pending';
      const hasOriginal = item.storageKey !== null || item.canonicalRecord !== null;
      let certificate: PackageManifestItem['certificate'] = null;
      const documents = await prepared.next();
      if (documents) {
        const base = `certificates/${number(position)}-${documents.serial}`;
        yield file(`${base}.json`, documents.json);
        yield file(`${base}.pdf`, documents.pdf);
        certificate = {
          serial: documents.serial,
          json: `${base}.json`,
          jsonSha256: sha256Of(documents.json),
          pdf: `${base}.pdf`,
          pdfSha256: sha256Of(documents.pdf),
        };
      }
      manifestItems.push({
        position,
        evidenceId: item.id,
        kind: item.kind,
        title: item.title,
        evidenceType: item.evidenceType,
        loanReference: item.loanReference,
        fileName: item.fileName,
        mediaType: item.mediaType,
        size: Number(item.size),
        sha256: toHex(item.sha256),
        status,
        original: hasOriginal ? originalEntryName(position, items.length, item.fileName) : null,
        originalNote: hasOriginal ? null : 'hash-only: the lender submitted only the SHA-256; Evident holds no original.',
        certificate,
        provenance: provenance.get(item.id)!,
      });
    }

    // reconciliation/: each reconciliation certificate exactly as issued (the stored bytes).
    const reconciliationCertificates: PackageManifest['reconciliationCertificates'] = [];
    for (const { certificate } of row!.reconciliationCertificates) {
      const entry = `reconciliation/${certificate.serial}.json`;
      yield file(entry, certificate.document);
      const document = JSON.parse(certificate.document) as { class: string };
      reconciliationCertificates.push({ path: entry, sha256: sha256Of(certificate.document), serial: certificate.serial, class: document.class, businessDate: certificate.businessDate });
    }

    const reportBase = latestReport ? `report/${row!.caseNumber}-verification-${latestReport.createdAt.toISOString().slice(0, 19).replace(/[:T]/g, '')}` : null;
    // The report and the verifier are written after the originals, but the manifest (written
    // before them) covers their digests, so they are rendered now; both are small.
    let reportFiles: { json: Uint8Array; pdf: Uint8Array } | null = null;
    if (latestReport && reportBase) {
      const report = await getVerificationReport({ prisma, viewer, caseId: row!.id, reportId: latestReport.id, access: 'case.package' });
      reportFiles = {
        json: (await renderVerificationReportFile(report, 'json', operatorStatements)).body,
        pdf: (await renderVerificationReportFile(report, 'pdf', operatorStatements, operatorSealImage)).body,
      };
    }
    const verifyHtml = await renderVerifyHtml();
    const manifest: PackageManifest = {
      format: 'evident.evidence-package',
      version: 2,
      asOf: asOf.toISOString(),
      issuer: { name: issuer.name, address: issuer.address },
      case: {
        id: row!.id,
        caseNumber: row!.caseNumber,
        title: row!.title,
        claimSummary: row!.claimSummary,
        status: row!.status,
        filedAt: row!.filedAt.toISOString(),
        lender: row!.lender.name,
        commission: row!.commission.name,
        borrower: row!.borrower.name,
      },
      items: manifestItems,
      report:
        reportBase && reportFiles
          ? { json: `${reportBase}.json`, jsonSha256: sha256Of(reportFiles.json), pdf: `${reportBase}.pdf`, pdfSha256: sha256Of(reportFiles.pdf) }
          : null,
      reportNote: reportBase ? null : 'The case has not been verified yet (no Verify all has run).',
      readme: { path: 'README.txt', sha256: sha256Of(readme) },
      verifier: { path: 'verify.html', sha256: sha256Of(verifyHtml) },
      reconciliationCertificates,
    };
    const manifestBytes = json(manifest);
    yield file('manifest.json', manifestBytes);
    const unsigned: Omit<PackageSignature, 'signature'> = {
      format: PACKAGE_SIGNATURE_FORMAT,
      version: 1,
      caseNumber: row!.caseNumber,
      manifestSha256: manifestSha256(manifestBytes),
      issuer: { name: issuer.name, address: issuer.address },
    };
    const { domain, types, value } = packageSignatureTypedData(unsigned);
    const signature = (await issuer.wallet.signTypedData(domain, types, value)).toLowerCase();
    yield file('manifest.sig.json', json({ ...unsigned, signature: { scheme: 'eip712', value: signature } }));

    // originals/: streamed from storage, re-hashed on the way; a changed original fails the download.
    for (const [index, item] of items.entries()) {
      const name = manifestItems[index]!.original;
      if (name === null) continue;
      const expected = toHex(item.sha256);
      if (item.storageKey === null) {
        const bytes = encoder.encode(item.canonicalRecord!);
        if (sha256Of(bytes) !== expected) {
          throw new Error(`the stored record of evidence ${item.id} no longer matches its SHA-256`);
        }
        yield { name: entryName(name), lastModified: asOf, input: bytes };
        continue;
      }
      const { stream, size } = await openStoredFile(storageDir, item.storageKey, { chunkBytes: ORIGINAL_CHUNK_BYTES });
      yield { name: entryName(name), lastModified: asOf, input: rehashed(stream, expected, item.id), size };
    }

    if (reportBase && reportFiles) {
      yield file(`${reportBase}.json`, reportFiles.json);
      yield file(`${reportBase}.pdf`, reportFiles.pdf);
    }
    yield file('verify.html', verifyHtml);
  }

  const hash = createHash('sha256');
  let length = 0;
  const audited = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      length += chunk.byteLength;
      controller.enqueue(chunk);
    },
    async flush() {
      await recordAuditEvent(prisma, {
        actor: auditActorOf(viewer),
        action: 'case.package_download',
        targetType: 'case',
        targetId: row.id,
        details: { caseNumber: row.caseNumber, sha256: `0x${hash.digest('hex')}`, size: length, asOf: asOf.toISOString() },
      });
    },
  });
  return { fileName: `${folder}.zip`, stream: makeZip(entries(), { buffersAreUTF8: true }).pipeThrough(audited) };
}
