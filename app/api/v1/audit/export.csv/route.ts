import { getPrisma } from '@/lib/db/client';
import { exportAuditCsv } from '@/lib/audit/export-audit-csv';
import { parseAuditFilters } from '@/lib/audit/audit-filters';
import { requestViewer } from '@/lib/http/request-viewer';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const GET = handleErrors(async (request: Request) => {
  const viewer = await requestViewer(request);
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const csv = await exportAuditCsv({ prisma: getPrisma(), viewer, filters });
  const encoder = new TextEncoder();
  const iterator = csv.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csv.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
