import { handleResumableUpload } from '@/lib/evidence/handle-resumable-upload';
import { apiRoute } from '@/lib/http/api-route';

export const runtime = 'nodejs';

// Resumable uploads (tus 1.0): a lender's portal user (session) or system (API key) creates an upload,
// sends its bytes in one or more PATCHes, resuming from HEAD's offset after a broken connection; the
// last byte makes the evidence item. The PATCH body streams to disk: apiRoute hands the request on
// unread. handleResumableUpload authorizes (evidence.submit) and keeps each upload to its organization.
const resumableUpload = apiRoute<'either', { path?: string[] }>({ auth: 'either' }, ({ request, viewer, prisma, config }) =>
  handleResumableUpload({
    request,
    viewer,
    prisma,
    storageDir: config.storageDir,
    maxBytes: config.maxUploadBytes,
    expiryMs: config.resumableUploadExpiryMs,
    borrowerIdSalt: config.borrowerIdSalt,
  }),
);

export const POST = resumableUpload;
export const HEAD = resumableUpload;
export const PATCH = resumableUpload;
export const DELETE = resumableUpload;
export const GET = resumableUpload;

// Discovery (Tus-Version, Tus-Extension, Tus-Max-Size) says nothing about anyone's uploads: public.
export const OPTIONS = apiRoute<'none', { path?: string[] }>({ auth: 'none' }, ({ request, viewer, prisma, config }) =>
  handleResumableUpload({
    request,
    viewer,
    prisma,
    storageDir: config.storageDir,
    maxBytes: config.maxUploadBytes,
    expiryMs: config.resumableUploadExpiryMs,
  }),
);
