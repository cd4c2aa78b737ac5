// The shape every verifier front end (browser, CLI, HTTP API) renders: one entry per check, in a
// fixed order, each saying in plain English why it passed, failed or was skipped, and naming that
// outcome by a stable code with its values, so the portal can say it in the reader's language.
import type { Certificate } from './certificate-schema';
import type { ReconciliationCertificate } from '../reconciliation/verify-reconciliation-certificate';

/** An evidence certificate's checks, in order: its report lists every one of them. */
export const CHECK_IDS = [
  'certificate-format',
  'file-hash',
  'leaf',
  'inclusion-proof',
  'chain-anchor',
  'signature',
  'revocation',
  'timestamp',
] as const;

/** A reconciliation certificate's checks, in order (docs/reconciliation-format.md section 12): the
 * format, signature and revocation checks are the evidence certificate's, with the same codes. */
export const RECONCILIATION_CHECK_IDS = ['certificate-format', 'reconciliation-proof', 'signature', 'revocation'] as const;

/** Every check a report can hold. */
export const ALL_CHECK_IDS = [...CHECK_IDS, 'reconciliation-proof'] as const;

export type CheckId = (typeof ALL_CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'skipped';

/** Every outcome a check can report, as `<check id>.<outcome>`; the portal's message files have one
 * sentence per code (lib/i18n/messages/<locale>/verify.json, under `results`). */
export const CHECK_CODES = [
  'certificate-format.valid',
  'certificate-format.invalid',
  'certificate-format.reconciliation-valid',
  'file-hash.no-file',
  'file-hash.bad-digest',
  'file-hash.mismatch',
  'file-hash.match',
  'leaf.unsupported-version',
  'leaf.mismatch',
  'leaf.match',
  'inclusion-proof.no-leaf',
  'inclusion-proof.malformed',
  'inclusion-proof.root-mismatch',
  'inclusion-proof.valid',
  'reconciliation-proof.valid',
  'reconciliation-proof.side-not-trusted',
  'reconciliation-proof.invalid',
  'chain-anchor.no-chain',
  'chain-anchor.unreachable',
  'chain-anchor.chain-id-mismatch',
  'chain-anchor.root-not-anchored',
  'chain-anchor.block-mismatch',
  'chain-anchor.block-time-mismatch',
  'chain-anchor.submitter-mismatch',
  'chain-anchor.previous-root-mismatch',
  'chain-anchor.leaf-count-mismatch',
  'chain-anchor.transaction-not-found',
  'chain-anchor.transaction-failed',
  'chain-anchor.transaction-block-mismatch',
  'chain-anchor.transaction-did-not-anchor',
  'chain-anchor.contract-not-found',
  'chain-anchor.event-mismatch',
  'chain-anchor.anchored-first',
  'chain-anchor.anchored',
  'signature.unsigned',
  'signature.invalid-encoding',
  'signature.unreadable',
  'signature.mismatch',
  'signature.untrusted',
  'signature.trusted',
  'signature.not-pinned',
  'revocation.offline',
  'revocation.lookup-failed',
  'revocation.no-answer',
  'revocation.revoked',
  'revocation.superseded',
  'revocation.not-revoked',
  'revocation.not-offered',
  'timestamp.absent',
  'timestamp.invalid',
  'timestamp.untrusted',
  'timestamp.trusted',
  'timestamp.not-pinned',
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

export interface VerificationCheck {
  id: CheckId;
  status: CheckStatus;
  /** English, human readable; on failure it says why. */
  message: string;
  /** Which outcome this is; stable, unlike the message's wording. */
  code: CheckCode;
  /** The values the message names (hashes, blocks, addresses; times as ISO-8601 UTC), for front ends
   * that phrase the outcome themselves. */
  params?: Record<string, string>;
  details?: Record<string, string>;
}

export interface VerificationReport {
  /** True when every check that ran passed; skipped checks neither help nor hurt. */
  valid: boolean;
  checks: VerificationCheck[];
  /** The parsed certificate, absent when it did not parse. */
  certificate?: Certificate;
  /** The parsed reconciliation certificate, when that is what was verified and it parsed. */
  reconciliationCertificate?: ReconciliationCertificate;
}
