// Every audited action, in one list: the regulator's filter offers these, and a typo in a caller is
// a type error instead of an entry nobody finds.
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'evidence.upload',
  'evidence.ingest_api',
  'evidence.download',
  'evidence.export',
  'batch.seal',
  'batch.anchor',
  'chain.loss',
  'certificate.issue',
  'certificate.download',
  'certificate.revoke',
  'certificate.supersede',
  'receipt.download',
  'case.file',
  'case.status_change',
  'case.verify',
  'case.report_download',
  'case.package_download',
  'api_key.create',
  'api_key.revoke',
  'organization.anchor_member_change',
  'audit.export',
  'demo.seed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
