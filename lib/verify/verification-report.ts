// The shape every verifier front end (browser, CLI, HTTP API) renders: one entry per check, in a
// fixed order, each saying in plain English why it passed, failed or was skipped.
import type { Certificate } from '../certificates/certificate-schema';

export const CHECK_IDS = [
  'certificate-format',
  'file-hash',
  'leaf',
  'inclusion-proof',
  'chain-anchor',
  'signature',
  'revocation',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface VerificationCheck {
  id: CheckId;
  status: CheckStatus;
  /** English, human readable; on failure it says why. */
  message: string;
  details?: Record<string, string>;
}

export interface VerificationReport {
  /** True when every check that ran passed; skipped checks neither help nor hurt. */
  valid: boolean;
  checks: VerificationCheck[];
  /** The parsed certificate, absent when it did not parse. */
  certificate?: Certificate;
}
