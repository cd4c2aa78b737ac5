// The Upload-Metadata of a resumable upload (tus: comma-separated `key base64(value)` pairs), read
// as the description of the file: `filename` and `filetype` (the tus clients' usual keys), `sha256`
// (the digest the sender computed, checked against the server's when the upload finishes) and the
// fields of a multipart upload (fileFieldsSchema), checked by the same validateFileFields. Checked
// when the upload is created, so a bad field is refused before any of the file is sent.
import { FieldErrorsError } from '../errors';
import { normaliseFileName, validateFileFields, type FileDescription } from './validate-file-fields';

/** Metadata the server adds to an upload it accepted; a client may not send them. */
export const SERVER_METADATA_KEYS = ['organizationId', 'evidenceId'] as const;

const SHA256_HEX = /^0x[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

export interface UploadDescription {
  fileName: string;
  mediaType: string;
  /** Lowercase 0x-hex digest the sender computed, if it sent one. */
  sha256: string | undefined;
  described: FileDescription;
}

export function readUploadMetadata(
  metadata: Record<string, string | null> | undefined,
  { requireDescription, serverKeysAllowed = false }: { requireDescription: boolean; serverKeysAllowed?: boolean },
): UploadDescription {
  const errors: Record<string, string[]> = {};
  const fields: Record<string, string> = {};
  let fileName: string | undefined;
  let mediaType = 'application/octet-stream';
  let sha256: string | undefined;
  for (const [key, raw] of Object.entries(metadata ?? {})) {
    // A key without a value, or an empty one, means "not given", as an empty form input does.
    const value = raw ?? '';
    if (value.trim() === '') continue;
    if (key === 'filename') fileName = normaliseFileName(value);
    else if (key === 'filetype') {
      if (MEDIA_TYPE.test(value) && value.length <= 255) mediaType = value;
      else errors.filetype = ['expected a media type like application/pdf'];
    } else if (key === 'sha256') {
      sha256 = value.trim().toLowerCase();
      if (!SHA256_HEX.test(sha256)) errors.sha256 = ['expected a 0x-prefixed 64-digit hex SHA-256'];
    } else if ((SERVER_METADATA_KEYS as readonly string[]).includes(key)) {
      if (!serverKeysAllowed) errors[key] = ['is set by the server, not by the client'];
    } else fields[key] = value;
  }
  let described: FileDescription | undefined;
  try {
    described = validateFileFields(fields, requireDescription);
  } catch (error) {
    if (!(error instanceof FieldErrorsError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  if (Object.keys(errors).length > 0 || !described) throw new FieldErrorsError(errors);
  return { fileName: fileName ?? 'unnamed', mediaType, sha256, described };
}
