// The OpenAPI document of the whole API: every route's own description (the openapi.ts beside its
// route.ts), in the order /api-docs lists them, handed to lib's buildOpenApiDocument. A new route's
// description is added here once; build-api-document.test.ts fails while one is missing.
import { buildOpenApiDocument } from '@/lib/http/openapi-document';
import type { RouteApiDescription } from '@/lib/http/openapi-toolkit';
import { routeApiDescription as health } from './health/openapi';
import { routeApiDescription as healthLive } from './health/live/openapi';
import { routeApiDescription as healthReady } from './health/ready/openapi';
import { routeApiDescription as batch } from './v1/batches/[id]/openapi';
import { routeApiDescription as caseEvidencePackage } from './v1/cases/[id]/package/openapi';
import { routeApiDescription as certificate } from './v1/certificates/[serial]/openapi';
import { routeApiDescription as certificatePdf } from './v1/certificates/[serial]/pdf/openapi';
import { routeApiDescription as certificateStatus } from './v1/certificates/[serial]/status/openapi';
import { routeApiDescription as evidence } from './v1/evidence/[id]/openapi';
import { routeApiDescription as evidenceCertificate } from './v1/evidence/[id]/certificate/openapi';
import { routeApiDescription as evidenceCertificatePdf } from './v1/evidence/[id]/certificate/pdf/openapi';
import { routeApiDescription as evidenceOriginal } from './v1/evidence/[id]/file/openapi';
import { routeApiDescription as evidenceReceipt } from './v1/evidence/[id]/receipt/openapi';
import { routeApiDescription as uploadFile } from './v1/evidence/files/openapi';
import { routeApiDescription as submitHashes } from './v1/evidence/hashes/openapi';
import { routeApiDescription as evidenceList } from './v1/evidence/openapi';
import { routeApiDescription as submitRecords } from './v1/evidence/records/openapi';
import { routeApiDescription as resumableUploads } from './v1/uploads/[[...path]]/openapi';
import { routeApiDescription as verify } from './v1/verify/openapi';
import { routeApiDescription as reconciliationPairs } from './v1/reconciliation/pairs/openapi';
import { routeApiDescription as reconciliationDays } from './v1/reconciliation/pairs/[pairId]/days/openapi';
import { routeApiDescription as reconciliationDay } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/openapi';
import { routeApiDescription as reconciliationBreaks } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/openapi';
import { routeApiDescription as reconciliationExport } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/export/openapi';
import { routeApiDescription as reconciliationBreakCertificate } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/[ordinal]/certificate/openapi';
import { routeApiDescription as reconciliationBreakOpenings } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/[ordinal]/openings/openapi';
import { routeApiDescription as reconciliationSignOff } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/sign-off/openapi';
import { routeApiDescription as reconciliationUpload } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/openapi';
import { routeApiDescription as reconciliationResumableUpload } from './v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/uploads/[[...path]]/openapi';

export const ROUTE_API_DESCRIPTIONS: RouteApiDescription[] = [
  submitRecords,
  submitHashes,
  uploadFile,
  resumableUploads,
  evidenceList,
  evidence,
  evidenceCertificate,
  evidenceCertificatePdf,
  evidenceReceipt,
  evidenceOriginal,
  caseEvidencePackage,
  batch,
  reconciliationUpload,
  reconciliationResumableUpload,
  reconciliationPairs,
  reconciliationDays,
  reconciliationDay,
  reconciliationBreaks,
  reconciliationExport,
  reconciliationSignOff,
  reconciliationBreakCertificate,
  reconciliationBreakOpenings,
  verify,
  certificate,
  certificateStatus,
  certificatePdf,
  healthLive,
  healthReady,
  health,
];

/** The document served at /api/v1/openapi.json and rendered at /api-docs. */
export function buildApiDocument({ serverUrl }: { serverUrl: string }): Record<string, unknown> {
  return buildOpenApiDocument({ serverUrl, routes: ROUTE_API_DESCRIPTIONS });
}
