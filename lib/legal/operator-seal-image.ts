// The operator's electronic seal (电子印章) image, which certificates, receipts and verification
// reports draw only when the operator configured one (OPERATOR_SEAL_IMAGE_FILE): never by default, as
// a seal is the operator's own act. Read and checked once at start-up: a PNG or JPEG of bounded size.
import { readFileSync } from 'node:fs';

export interface SealImage {
  format: 'png' | 'jpeg';
  bytes: Uint8Array;
}

export const MAX_SEAL_IMAGE_BYTES = 1024 * 1024;

export class OperatorSealImageError extends Error {}

export function readOperatorSealImage(file: string): SealImage {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new OperatorSealImageError(`OPERATOR_SEAL_IMAGE_FILE: cannot read ${file} (${(error as Error).message})`);
  }
  if (bytes.length > MAX_SEAL_IMAGE_BYTES) {
    throw new OperatorSealImageError(`OPERATOR_SEAL_IMAGE_FILE: ${file} is ${bytes.length} bytes; a seal image may be at most ${MAX_SEAL_IMAGE_BYTES} bytes`);
  }
  const starts = (...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { format: 'png', bytes };
  if (starts(0xff, 0xd8, 0xff)) return { format: 'jpeg', bytes };
  throw new OperatorSealImageError(`OPERATOR_SEAL_IMAGE_FILE: ${file} is neither a PNG nor a JPEG image`);
}
