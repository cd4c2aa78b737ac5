// Rewrites a TrueType font so every glyph in its `glyf` table starts at an even offset. Fonts built
// by fontTools for Google Fonts (Noto Sans SC among them) store glyphs unpadded, which the format
// allows with a long `loca` table. @pdf-lib/fontkit copies glyphs into a subset as they are and
// then picks the short `loca` format (offsets halved) whenever the subset is under 64 KiB, so every
// glyph after the first odd-sized one is read from the wrong place and renders blank. Padding each
// glyph to four bytes up front keeps fontkit's subsets valid.

const TABLE_RECORD_SIZE = 16;
const HEAD_CHECKSUM_ADJUSTMENT_OFFSET = 8;
const HEAD_INDEX_TO_LOC_FORMAT_OFFSET = 50;
const CHECKSUM_MAGIC = 0xb1b0afba;

interface TableRecord {
  tag: string;
  bytes: Uint8Array;
}

/** Returns the font unchanged when its glyphs already sit at even offsets, else a padded copy. */
export function padTrueTypeGlyphs(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = readTables(font, view);
  const glyf = tables.find((table) => table.tag === 'glyf');
  const loca = tables.find((table) => table.tag === 'loca');
  const head = tables.find((table) => table.tag === 'head');
  const maxp = tables.find((table) => table.tag === 'maxp');
  if (!glyf || !loca || !head || !maxp) return font; // CFF-flavoured or not a TrueType font.

  const headView = dataView(head.bytes);
  const longOffsets = headView.getInt16(HEAD_INDEX_TO_LOC_FORMAT_OFFSET) === 1;
  const glyphCount = dataView(maxp.bytes).getUint16(4);
  const locaView = dataView(loca.bytes);
  const offsets = Array.from({ length: glyphCount + 1 }, (_, i) =>
    longOffsets ? locaView.getUint32(4 * i) : 2 * locaView.getUint16(2 * i),
  );
  if (offsets.every((offset) => offset % 2 === 0)) return font;

  const paddedLengths = offsets.slice(0, -1).map((start, i) => align4(offsets[i + 1] - start));
  const newGlyf = new Uint8Array(paddedLengths.reduce((sum, length) => sum + length, 0));
  const newLoca = new Uint8Array(4 * (glyphCount + 1));
  const newLocaView = dataView(newLoca);
  let position = 0;
  for (let i = 0; i < glyphCount; i++) {
    newLocaView.setUint32(4 * i, position);
    newGlyf.set(glyf.bytes.subarray(offsets[i], offsets[i + 1]), position);
    position += paddedLengths[i];
  }
  newLocaView.setUint32(4 * glyphCount, position);

  const newHead = head.bytes.slice();
  dataView(newHead).setInt16(HEAD_INDEX_TO_LOC_FORMAT_OFFSET, 1);
  dataView(newHead).setUint32(HEAD_CHECKSUM_ADJUSTMENT_OFFSET, 0);

  const replaced = new Map<string, Uint8Array>([
    ['glyf', newGlyf],
    ['loca', newLoca],
    ['head', newHead],
  ]);
  return writeFont(
    view.getUint32(0),
    tables.map((table) => ({ tag: table.tag, bytes: replaced.get(table.tag) ?? table.bytes })),
  );
}

function readTables(font: Uint8Array, view: DataView): TableRecord[] {
  const tableCount = view.getUint16(4);
  return Array.from({ length: tableCount }, (_, i) => {
    const record = 12 + TABLE_RECORD_SIZE * i;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > font.byteLength) throw new Error(`Font table ${tag} extends past the end of the font file`);
    return { tag, bytes: font.subarray(offset, offset + length) };
  });
}

function writeFont(sfntVersion: number, tables: TableRecord[]): Uint8Array {
  const headerSize = 12 + TABLE_RECORD_SIZE * tables.length;
  const size = tables.reduce((sum, table) => sum + align4(table.bytes.length), headerSize);
  const out = new Uint8Array(size);
  const view = dataView(out);
  const searchPower = 2 ** Math.floor(Math.log2(tables.length));
  view.setUint32(0, sfntVersion);
  view.setUint16(4, tables.length);
  view.setUint16(6, searchPower * 16);
  view.setUint16(8, Math.log2(searchPower));
  view.setUint16(10, tables.length * 16 - searchPower * 16);

  let offset = headerSize;
  let headOffset = -1;
  tables.forEach((table, i) => {
    const record = 12 + TABLE_RECORD_SIZE * i;
    for (let c = 0; c < 4; c++) out[record + c] = table.tag.charCodeAt(c);
    view.setUint32(record + 4, checksum(table.bytes));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.bytes.length);
    out.set(table.bytes, offset);
    if (table.tag === 'head') headOffset = offset;
    offset += align4(table.bytes.length);
  });
  view.setUint32(headOffset + HEAD_CHECKSUM_ADJUSTMENT_OFFSET, (CHECKSUM_MAGIC - checksum(out)) >>> 0);
  return out;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word = ((bytes[i] << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0;
    sum = (sum + word) >>> 0;
  }
  return sum;
}

function align4(length: number): number {
  return (length + 3) & ~3;
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
