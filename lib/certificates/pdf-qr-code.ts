// Draws a QR code into a PDF page as one vector path (crisp at any zoom, no PNG encoder, no seams
// between modules), error correction level M, inside the four-module white quiet zone scanners need.
import { rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

const QUIET_ZONE_MODULES = 4;

/**
 * Draws the symbol, at most `maxSize` points wide and with modules of at most `maxModuleSize`, its
 * left edge at `x`, under a quiet zone whose top is at `top`; the quiet zone (four modules, whitened)
 * also extends left of `x`, into the margin. Returns the symbol's size and the quiet zone's bottom
 * and width, for laying out what follows.
 */
export function drawQrCode(
  page: PDFPage,
  { text, x, top, maxSize, maxModuleSize }: { text: string; x: number; top: number; maxSize: number; maxModuleSize: number },
): { size: number; bottom: number; quietZone: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const moduleSize = Math.min(maxSize / modules.size, maxModuleSize);
  const size = moduleSize * modules.size;
  const quietZone = QUIET_ZONE_MODULES * moduleSize;
  const symbolTop = top - quietZone;
  const bottom = symbolTop - size - quietZone;
  page.drawRectangle({ x: x - quietZone, y: bottom, width: size + 2 * quietZone, height: size + 2 * quietZone, color: rgb(1, 1, 1) });
  // In module units, SVG orientation (y grows downwards); one rectangle per horizontal run of dark modules.
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  page.drawSvgPath(path, { x, y: symbolTop, scale: moduleSize, color: rgb(0, 0, 0) });
  return { size, bottom, quietZone };
}
