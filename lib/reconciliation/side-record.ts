// The fixed-length record of one committed row in a side file (§4.2): what the merge-join, the
// tolerance rules and proof minting read, sorted by key. Salts are not stored: open mode re-derives
// them from the pair key when it mints an opening.
import { FIELD_COUNT, ROW_STATUSES, TRANSACTION_TYPES } from './row-format';

export const RECORD_KEY = 0;
export const RECORD_LEAF_HASH = 32;
export const RECORD_COMMITMENTS = 64;
export const RECORD_TOTAL_FEN = RECORD_COMMITMENTS + FIELD_COUNT * 32; // 352
export const RECORD_SHARE_A_FEN = RECORD_TOTAL_FEN + 8;
export const RECORD_SHARE_B_FEN = RECORD_TOTAL_FEN + 16;
export const RECORD_RATIO_BP = RECORD_TOTAL_FEN + 24; // u16
export const RECORD_TYPE = RECORD_RATIO_BP + 2; // u8, index in TRANSACTION_TYPES
export const RECORD_STATUS = RECORD_TYPE + 1; // u8, index in ROW_STATUSES
export const RECORD_ACCOUNTING_DATE = RECORD_STATUS + 1; // 10 ASCII bytes
export const RECORD_VALUE_DATE = RECORD_ACCOUNTING_DATE + 10; // 10 ASCII bytes
export const RECORD_CURRENCY = RECORD_VALUE_DATE + 10; // 3 ASCII bytes
export const RECORD_LINE = RECORD_CURRENCY + 3; // u32, line in the uploaded file
export const SIDE_RECORD_LENGTH = 416;

export interface SideRecordView {
  key: Uint8Array;
  leafHash: Uint8Array;
  commitment(fieldIndex: number): Uint8Array;
  totalFen: number;
  shareAFen: number;
  shareBFen: number;
  ratioBp: number;
  type: (typeof TRANSACTION_TYPES)[number];
  status: (typeof ROW_STATUSES)[number];
  line: number;
}

export function readSideRecord(buffer: Uint8Array, offset: number): SideRecordView {
  const view = new DataView(buffer.buffer, buffer.byteOffset + offset, SIDE_RECORD_LENGTH);
  const at = (start: number, length: number) => buffer.subarray(offset + start, offset + start + length);
  return {
    key: at(RECORD_KEY, 32),
    leafHash: at(RECORD_LEAF_HASH, 32),
    commitment: (i) => at(RECORD_COMMITMENTS + 32 * i, 32),
    totalFen: Number(view.getBigUint64(RECORD_TOTAL_FEN)),
    shareAFen: Number(view.getBigUint64(RECORD_SHARE_A_FEN)),
    shareBFen: Number(view.getBigUint64(RECORD_SHARE_B_FEN)),
    ratioBp: view.getUint16(RECORD_RATIO_BP),
    type: TRANSACTION_TYPES[view.getUint8(RECORD_TYPE)],
    status: ROW_STATUSES[view.getUint8(RECORD_STATUS)],
    line: view.getUint32(RECORD_LINE),
  };
}
