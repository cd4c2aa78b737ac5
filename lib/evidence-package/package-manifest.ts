// manifest.json of an evidence package (docs/proof-format.md, "Evidence package"). Field order here
// is the order written, so the same case state gives the same bytes.
import type { EvidenceProvenance } from '../evidence/read-evidence-provenance';
import type { EvidenceStatus } from '../evidence/evidence-view';

export interface PackageManifestItem {
  /** 1-based position in the case, the number in the item's entry names. */
  position: number;
  evidenceId: string;
  kind: 'file' | 'record' | 'hash';
  title: string | null;
  evidenceType: string | null;
  loanReference: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  /** Lowercase 0x-hex SHA-256 of the original's bytes. */
  sha256: string;
  status: EvidenceStatus;
  /** Path of the original inside the package, or null for a hash-only item. */
  original: string | null;
  originalNote: string | null;
  /** The item's certificate and the SHA-256 of each of its two files, or null while it is not yet
   * anchored. */
  certificate: { serial: string; json: string; jsonSha256: string; pdf: string; pdfSha256: string } | null;
  /** How the item arrived (lib/evidence/read-evidence-provenance.ts). */
  provenance: EvidenceProvenance;
}

export interface PackageManifest {
  format: 'evident.evidence-package';
  /** 2 since the manifest also covers the digests of the certificate files, the report, the README
   * and the verifier (version 1 named their paths only). */
  version: 2;
  /** The time of the case state the package captures (the latest change it includes). */
  asOf: string;
  issuer: { name: string; address: string };
  case: {
    id: string;
    caseNumber: string;
    title: string;
    claimSummary: string | null;
    status: string;
    filedAt: string;
    lender: string;
    commission: string;
    borrower: string;
  };
  items: PackageManifestItem[];
  report: { json: string; jsonSha256: string; pdf: string; pdfSha256: string } | null;
  reportNote: string | null;
  readme: PackageFile;
  verifier: PackageFile;
  /** The reconciliation certificates the lender added to the case (docs/reconciliation-format.md §12),
   * each file as issued; empty when there are none. */
  reconciliationCertificates: Array<PackageFile & { serial: string; class: string; businessDate: string }>;
}

/** A file of the package that the manifest covers: its path and the lowercase 0x-hex SHA-256 of its bytes. */
export interface PackageFile {
  path: string;
  sha256: string;
}
