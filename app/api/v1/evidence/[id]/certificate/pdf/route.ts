import { evidenceDocumentRoute } from '@/lib/http/evidence-document-route';

export const runtime = 'nodejs';

export const GET = evidenceDocumentRoute('certificate');
