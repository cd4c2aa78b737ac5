// How one file travels to the server. Files of RESUMABLE_THRESHOLD_BYTES or more go over the tus
// resumable-upload protocol (POST/PATCH /api/v1/uploads, tus-js-client): a broken connection is
// retried, and resumed from the server's offset, by itself, or once the browser is online again;
// a file added again after a reload (same content, same description) resumes the upload it started.
// Smaller files take one multipart POST /api/v1/evidence/files, where a break costs little to resend.
// Either way the description travels with the file, the SHA-256 computed in the browser is checked
// by the server against the bytes it received, and the answer is the evidence item (201) or a
// problem+json refusal, so the form handles both alike. The reconciliation statement form sends its
// files over the same tus client (sendOverTus) to its own endpoint.
import { sha256 } from '@noble/hashes/sha2.js';
import * as tus from 'tus-js-client';
import { toHex } from '@/lib/proof/hex';
import { createTransferMeter, type TransferProgress } from './transfer-progress';

/** 8 MiB: below this a file is sent in one request. */
export const RESUMABLE_THRESHOLD_BYTES = 8 * 1024 * 1024;
const RESUMABLE_ENDPOINT = '/api/v1/uploads';
/** Waits between automatic retries of a broken request, in ms; each resumes from the server's offset. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000];

export interface TransferResult {
  status: number;
  body: unknown;
}

/** Sends `file` with its description (`fields`, in the order the multipart form sends them). Rejects
 * only when the server could not be reached at all. */
export function sendFile({
  file,
  sha256: digest,
  fields,
  onProgress,
}: {
  file: File;
  sha256: string;
  fields: Array<[string, string]>;
  onProgress: (progress: TransferProgress) => void;
}): Promise<TransferResult> {
  const meter = createTransferMeter();
  const report = (sent: number, total: number) => onProgress(meter.sample(sent, total));
  if (file.size < RESUMABLE_THRESHOLD_BYTES) {
    // Fields go first: the server checks them before it stores any of the file.
    const form = new FormData();
    form.append('sha256', digest);
    for (const [name, value] of fields) form.append(name, value);
    form.append('file', file, file.name);
    return postWithProgress('/api/v1/evidence/files', form, report);
  }
  return sendResumable({ file, digest, fields, report, waiting: (waiting) => onProgress(meter.waiting(waiting)) });
}

/** fetch() cannot report upload progress; XMLHttpRequest can. */
function postWithProgress(url: string, body: FormData, onProgress: (sent: number, total: number) => void): Promise<TransferResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(body);
  });
}

function sendResumable({
  file,
  digest,
  fields,
  report,
  waiting,
}: {
  file: File;
  digest: string;
  fields: Array<[string, string]>;
  report: (sent: number, total: number) => void;
  waiting: (waiting: boolean) => void;
}): Promise<TransferResult> {
  const metadata: Record<string, string> = { filename: file.name, filetype: file.type || 'application/octet-stream', sha256: digest, ...Object.fromEntries(fields) };
  // Same content and same description: the same upload, resumed. The description is hashed, so no
  // borrower's identifier is written to the browser's storage.
  const fingerprint = `evident-upload:${digest}:${file.size}:${toHex(sha256(new TextEncoder().encode(JSON.stringify(metadata))))}`;
  return sendOverTus({ endpoint: RESUMABLE_ENDPOINT, file, metadata, fingerprint, resultKey: 'evidence', report, waiting });
}

/** One file over tus to `endpoint`: created with `metadata`, resumed from the server's offset after a
 * broken request, when the browser is online again, or (same `fingerprint`) after a reload. Resolves
 * with the upload's result as its status reads it (`resultKey`), as 201, or with the refusal. */
export function sendOverTus({
  endpoint,
  file,
  metadata,
  fingerprint,
  chunkSize,
  resultKey,
  report,
  waiting,
}: {
  endpoint: string;
  file: File;
  metadata: Record<string, string>;
  fingerprint: string;
  /** Bytes per PATCH; one PATCH for the whole file when absent. */
  chunkSize?: number;
  /** The member of GET {upload} that holds what the finished upload became. */
  resultKey: string;
  report: (sent: number, total: number) => void;
  waiting: (waiting: boolean) => void;
}): Promise<TransferResult> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(file, {
      endpoint,
      metadata,
      ...(chunkSize ? { chunkSize } : {}),
      retryDelays: RETRY_DELAYS,
      fingerprint: async () => fingerprint,
      urlStorage: storageWithoutMetadata(tus.defaultOptions.urlStorage),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: report,
      // tus-js-client gives up on a broken connection while the browser says it is offline; going on
      // retrying (from the server's offset) rides out a network that comes and goes. Refusals (4xx)
      // are final, except an offset conflict or a locked upload (423), which resume too; a 409
      // same-name-borrower is the lender's to answer.
      onShouldRetry: (error) => {
        const status = error.originalResponse?.getStatus() ?? 0;
        if (status === 0) waiting(true);
        const code = (parseJson(error.originalResponse?.getBody()) as { code?: string } | undefined)?.code;
        return status === 0 || status >= 500 || status === 423 || (status === 409 && code === 'upload-offset-conflict');
      },
      onSuccess: () => void finishedUpload(upload.url!, file.size, resultKey).then(resolve, reject),
      onError: (error) => {
        const response = (error as tus.DetailedError).originalResponse;
        if (response && response.getStatus() > 0) {
          resolve({ status: response.getStatus(), body: parseJson(response.getBody()) });
        } else if (!navigator.onLine) {
          // Every retry failed while the browser is offline: go on once it is back.
          waiting(true);
          const resume = () => {
            waiting(false);
            upload.start();
          };
          window.addEventListener('online', resume, { once: true });
        } else {
          reject(error);
        }
      },
    });
    void upload.findPreviousUploads().then((previous) => {
      if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}

/** What a finished upload became (GET {upload}'s `resultKey`: the evidence item, the committed
 * statement side). An upload that was complete when resumed, but not yet recorded (its last answer
 * was lost), is finished by sending its last PATCH again, with nothing left to send. */
async function finishedUpload(url: string, size: number, resultKey: string): Promise<TransferResult> {
  const read = async () => {
    const response = await fetch(url, { cache: 'no-store' });
    const status = parseJson(await response.text()) as Record<string, unknown> | undefined;
    return { response, body: status, result: status?.[resultKey] };
  };
  let { response, body, result } = await read();
  if (response.ok && !result) {
    const finishing = await fetch(url, {
      method: 'PATCH',
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(size), 'content-type': 'application/offset+octet-stream' },
    });
    if (!finishing.ok) return { status: finishing.status, body: parseJson(await finishing.text()) };
    ({ response, body, result } = await read());
  }
  if (!response.ok || !result) return { status: response.status, body };
  return { status: 201, body: result };
}

function parseJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** tus-js-client keeps each upload's metadata beside its URL in localStorage; the description holds
 * the borrower's ID number, which stays out of it. */
function storageWithoutMetadata(storage: tus.UrlStorage): tus.UrlStorage {
  return {
    findAllUploads: () => storage.findAllUploads(),
    findUploadsByFingerprint: (fingerprint) => storage.findUploadsByFingerprint(fingerprint),
    removeUpload: (key) => storage.removeUpload(key),
    addUpload: (fingerprint, upload) => storage.addUpload(fingerprint, { ...upload, metadata: {} }),
  };
}
