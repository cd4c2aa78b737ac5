// Generated from prisma/schema.prisma by `npx tsx scripts/generate-database-types.ts`; do not edit.
// lib/db/database-types.test.ts fails when it is out of date.
import type { ColumnType } from 'kysely';

/** A column the database fills when an INSERT leaves it out (a default). */
export type Generated<T> = ColumnType<T, T | undefined, T>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type SubmissionChannel = 'portal' | 'api' | 'system';
export type EvidenceKind = 'file' | 'record' | 'hash';
export type EvidenceType = 'loan_contract' | 'repayment_record' | 'transaction_record' | 'notice' | 'other';
export type OrganizationType = 'lender' | 'arbitration_commission' | 'regulator' | 'operator';
export type BatchStatus = 'sealed' | 'signed' | 'broadcast' | 'included' | 'final';
export type UserRole = 'admin' | 'member';
export type CaseStatus = 'filed' | 'under_review' | 'verified' | 'closed';
export type ReconciliationBank = 'A' | 'B';
export type ReconciliationStatementStatus = 'draft' | 'agreed' | 'disputed';
export type ReconciliationBreakClass = 'only_a' | 'only_b' | 'field_mismatch' | 'within_tolerance' | 'timing';
export type ReconciliationDocumentKind = 'side_receipt' | 'statement';
export type ReconciliationSignOffParty = 'A' | 'B' | 'evident';
export type ReconciliationDecision = 'agreed' | 'disputed';
export type ReconciliationAnchorKind = 'side_a' | 'side_b' | 'statement';
export type ReconciliationAnchorStatus = 'signed' | 'broadcast' | 'included' | 'reverted';
export type ReconciliationDisclosureStatus = 'requested' | 'disclosed' | 'declined';
export type ReconciliationPairMode = 'open' | 'blind';

export interface EvidenceTable {
  id: string;
  sequence: Generated<bigint>;
  sha256: Uint8Array;
  salt: Uint8Array;
  file_name: string;
  media_type: string;
  size: bigint;
  storage_key: string | null;
  submitted_at: Generated<Date>;
  organization_id: string | null;
  kind: Generated<EvidenceKind>;
  evidence_type: EvidenceType | null;
  loan_reference: string | null;
  borrower_reference: string | null;
  canonical_record: string | null;
  title: string | null;
  borrower_id: string | null;
  submitted_by_user_id: string | null;
  submission_id: string | null;
  source: JsonValue | null;
}

export interface SubmissionTable {
  id: string;
  organization_id: string | null;
  channel: SubmissionChannel;
  user_id: string | null;
  api_key_id: string | null;
  actor_label: string;
  client_address: string | null;
  idempotency_key: string | null;
  received_at: Generated<Date>;
}

export interface OrganizationTable {
  id: string;
  name: string;
  type: OrganizationType;
  created_at: Generated<Date>;
  anchor_member_address: string | null;
  sign_off_address: string | null;
}

export interface ApiKeyTable {
  id: string;
  organization_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface IdempotencyRecordTable {
  id: string;
  organization_id: string;
  key: string;
  request_sha256: Uint8Array;
  response_status: number;
  response_body: string;
  created_at: Generated<Date>;
}

export interface BatchTable {
  id: string;
  organization_id: string | null;
  spans_organizations: Generated<boolean>;
  first_sequence: bigint;
  last_sequence: bigint;
  leaf_count: number;
  root: Uint8Array;
  status: Generated<BatchStatus>;
  sealed_at: Generated<Date>;
  anchor_attempts: Generated<number>;
  last_anchor_error: string | null;
  chain_id: bigint | null;
  contract_address: string | null;
  anchor_submitter: string | null;
  previous_root: Uint8Array | null;
  nonce: bigint | null;
  raw_tx: string | null;
  tx_hash: string | null;
  replaced_tx_hashes: Generated<string[] | null>;
  signed_at: Date | null;
  broadcast_at: Date | null;
  block_number: bigint | null;
  block_hash: string | null;
  block_time: bigint | null;
  anchored_at: Date | null;
  audit_sequence: bigint | null;
  audit_head: Uint8Array | null;
  timestamp_attempts: Generated<number>;
  last_timestamp_error: string | null;
  timestamp_retry_at: Date | null;
}

export interface BatchTimestampTable {
  batch_id: string;
  token: Uint8Array;
  gen_time: Date;
  tsa_serial: string;
  policy: string;
  tsa_chain: string;
  created_at: Generated<Date>;
}

export interface BatchLevelTable {
  batch_id: string;
  level: number;
  nodes: Uint8Array;
}

export interface ChainDeploymentTable {
  chain_id: bigint;
  contract_address: string;
  tx_hash: string | null;
  block_number: bigint | null;
  deployed_at: Generated<Date>;
  genesis_hash: string | null;
  last_loss_at: Date | null;
  last_loss_reason: string | null;
  reconciliation_anchor_address: string | null;
}

export interface CertificateTable {
  serial: string;
  evidence_id: string;
  issuer_address: string;
  issued_at: Generated<Date>;
  revoked_at: Date | null;
  revocation_reason: string | null;
  anchor_digest: string | null;
  superseded_by: string | null;
  superseded_at: Date | null;
  subject: JsonValue | null;
  provenance: JsonValue | null;
}

export interface UserTable {
  id: Generated<string>;
  name: string;
  email: string;
  email_verified: Generated<boolean>;
  image: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  organization_id: string | null;
  role: UserRole | null;
  borrower_id: string | null;
}

export interface SessionTable {
  id: Generated<string>;
  expires_at: Date;
  token: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
}

export interface AccountTable {
  id: Generated<string>;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: Date | null;
  refresh_token_expires_at: Date | null;
  scope: string | null;
  password: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VerificationTable {
  id: Generated<string>;
  identifier: string;
  value: string;
  expires_at: Date;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RateLimitTable {
  id: Generated<string>;
  key: string;
  count: number;
  last_request: bigint;
}

export interface BorrowerTable {
  id: string;
  name: string;
  id_number_hash: Uint8Array | null;
  phone: string | null;
  email: string | null;
  identifier_hint: string | null;
  created_at: Generated<Date>;
}

export interface ArbitrationCaseTable {
  id: string;
  case_number: string;
  title: string;
  claim_summary: string | null;
  lender_organization_id: string;
  commission_organization_id: string;
  borrower_id: string;
  status: Generated<CaseStatus>;
  filed_by_user_id: string;
  filed_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseEvidenceTable {
  case_id: string;
  evidence_id: string;
  added_at: Generated<Date>;
}

export interface VerificationReportTable {
  id: string;
  case_id: string;
  verified_by_user_id: string;
  created_at: Generated<Date>;
  passed: boolean;
  item_count: number;
  failed_count: number;
  results: JsonValue;
  reconciliation_results: Generated<JsonValue>;
}

export interface AuditEntryTable {
  sequence: Generated<bigint>;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  organization_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip_address: string | null;
  details: JsonValue | null;
  previous_hash: Uint8Array;
  entry_hash: Uint8Array;
}

export interface AuditOutboxTable {
  id: Generated<bigint>;
  recorded_at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  organization_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip_address: string | null;
  details: JsonValue | null;
}

export interface ReconciliationPairTable {
  id: string;
  name: string;
  lender_a_id: string;
  lender_b_id: string;
  cut_off_time: string;
  first_business_date: string;
  tolerance_rules: JsonValue;
  column_map_a: JsonValue;
  column_map_b: JsonValue;
  mode: Generated<ReconciliationPairMode>;
  encrypted_pair_key: Uint8Array | null;
  created_at: Generated<Date>;
}

export interface ReconciliationSideTable {
  id: string;
  pair_id: string;
  business_date: string;
  bank: ReconciliationBank;
  file_sha256: Uint8Array;
  file_size: bigint;
  row_count: number;
  root: Uint8Array;
  control_totals: JsonValue;
  directory: string;
  receipt: string;
  receipt_sha256: Uint8Array;
  previous_receipt_sha256: Uint8Array | null;
  committed_at: Date;
  submitted_by: string;
}

export interface ReconciliationStatementTable {
  id: string;
  pair_id: string;
  business_date: string;
  status: Generated<ReconciliationStatementStatus>;
  canonical_json: string;
  sha256: Uint8Array;
  signature: string;
  matched: number;
  matched_within_tolerance: number;
  only_a: number;
  only_b: number;
  field_mismatch: number;
  timing: Generated<number>;
  control_total_differences: number;
  drafted_at: Date;
  escalated_at: Date | null;
}

export interface ReconciliationBreakTable {
  statement_id: string;
  ordinal: number;
  class: ReconciliationBreakClass;
  key: Uint8Array;
  index_a: number | null;
  index_b: number | null;
  fields: string[] | null;
  rule: string | null;
  closed_by_date: string | null;
  closes_date: string | null;
}

export interface ReconciliationTimestampTable {
  document_sha256: Uint8Array;
  kind: ReconciliationDocumentKind;
  pair_id: string;
  business_date: string;
  token: Uint8Array | null;
  gen_time: Date | null;
  tsa_serial: string | null;
  policy: string | null;
  tsa_chain: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  retry_at: Date | null;
  created_at: Generated<Date>;
}

export interface ReconciliationSignOffTable {
  statement_id: string;
  party: ReconciliationSignOffParty;
  decision: ReconciliationDecision;
  objections: string | null;
  objections_hash: Uint8Array;
  signer: string;
  signature: string;
  chain_id: bigint;
  contract_address: string;
  signed_at: Generated<Date>;
  signed_by: string;
}

export interface ReconciliationCertificateTable {
  serial: string;
  pair_id: string;
  business_date: string;
  ordinal: number;
  proof: string;
  document: string;
  issued_at: Date;
  issued_by: string;
}

export interface CaseReconciliationCertificateTable {
  case_id: string;
  serial: string;
  added_at: Generated<Date>;
}

export interface ReconciliationAnchorTransactionTable {
  chain_id: bigint;
  contract_address: string;
  pair_id: string;
  business_date: string;
  kind: ReconciliationAnchorKind;
  submitter: string;
  nonce: bigint;
  raw_tx: string;
  tx_hash: string;
  status: Generated<ReconciliationAnchorStatus>;
  block_number: bigint | null;
  block_time: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  retry_at: Date | null;
  signed_at: Generated<Date>;
}

export interface ReconciliationRuleThresholdsTable {
  scope: string;
  min_share_a_bp: number | null;
  min_share_b_bp: number | null;
  max_loan_total_fen: bigint | null;
  max_day_disbursed_fen: bigint | null;
  updated_at: Date;
  updated_by: string;
}

export interface ReconciliationRuleThresholdChangeTable {
  id: string;
  scope: string;
  previous: JsonValue | null;
  next: JsonValue;
  changed_at: Date;
  changed_by: string;
}

export interface ReconciliationRuleCheckTable {
  side_id: string;
  pair_id: string;
  business_date: string;
  bank: ReconciliationBank;
  thresholds: JsonValue;
  rows_checked: number;
  disbursements_checked: number;
  disbursed_fen: bigint;
  violations: JsonValue;
  checked_at: Date;
}

export interface ReconciliationRuleViolationTable {
  side_id: string;
  rule: string;
  leaf_index: number;
  key: Uint8Array;
}

export interface ReconciliationDisclosureRequestTable {
  id: string;
  pair_id: string;
  business_date: string;
  bank: ReconciliationBank;
  key: Uint8Array;
  leaf_index: number;
  subject: string;
  reason: string;
  requested_at: Date;
  requested_by: string;
  requested_by_organization_id: string;
  status: Generated<ReconciliationDisclosureStatus>;
  answered_at: Date | null;
  answered_by: string | null;
  decline_reason: string | null;
  disclosure: JsonValue | null;
}

export interface ReconciliationOpeningTable {
  statement_id: string;
  ordinal: number;
  bank: ReconciliationBank;
  field: string;
  value: string;
  salt: Uint8Array;
  submitted_at: Generated<Date>;
  submitted_by: string;
}

export interface Database {
  evidence: EvidenceTable;
  submission: SubmissionTable;
  organization: OrganizationTable;
  api_key: ApiKeyTable;
  idempotency_record: IdempotencyRecordTable;
  batch: BatchTable;
  batch_timestamp: BatchTimestampTable;
  batch_level: BatchLevelTable;
  chain_deployment: ChainDeploymentTable;
  certificate: CertificateTable;
  app_user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  rate_limit: RateLimitTable;
  borrower: BorrowerTable;
  arbitration_case: ArbitrationCaseTable;
  case_evidence: CaseEvidenceTable;
  verification_report: VerificationReportTable;
  audit_entry: AuditEntryTable;
  audit_outbox: AuditOutboxTable;
  reconciliation_pair: ReconciliationPairTable;
  reconciliation_side: ReconciliationSideTable;
  reconciliation_statement: ReconciliationStatementTable;
  reconciliation_break: ReconciliationBreakTable;
  reconciliation_timestamp: ReconciliationTimestampTable;
  reconciliation_sign_off: ReconciliationSignOffTable;
  reconciliation_certificate: ReconciliationCertificateTable;
  case_reconciliation_certificate: CaseReconciliationCertificateTable;
  reconciliation_anchor_transaction: ReconciliationAnchorTransactionTable;
  reconciliation_rule_thresholds: ReconciliationRuleThresholdsTable;
  reconciliation_rule_threshold_change: ReconciliationRuleThresholdChangeTable;
  reconciliation_rule_check: ReconciliationRuleCheckTable;
  reconciliation_rule_violation: ReconciliationRuleViolationTable;
  reconciliation_disclosure_request: ReconciliationDisclosureRequestTable;
  reconciliation_opening: ReconciliationOpeningTable;
}
