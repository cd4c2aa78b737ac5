// The shared page furniture of the PDF certificate and receipt: a one-page A4 document with the
// fonts embedded as subsets, its metadata and JSON attachment, and a top-down layout that draws
// bilingual headings, label/value rows and wrapped paragraphs. Every text is wrapped (and long
// user-supplied text clipped to a few lines) so nothing runs off the page.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { Certificate } from '../proof/certificate-schema';
import { attachCertificateJson } from '../proof/pdf-certificate-attachment';
import { certificateFontkit, loadCertificateFonts } from './pdf-fonts';
import { drawQrCode } from './pdf-qr-code';

export const A4 = { width: 595.28, height: 841.89 } as const;

export const COLORS = {
  ink: rgb(0.11, 0.13, 0.17),
  navy: rgb(0.07, 0.2, 0.4),
  muted: rgb(0.42, 0.45, 0.5),
  rule: rgb(0.8, 0.82, 0.86),
  band: rgb(0.95, 0.96, 0.98),
  seal: rgb(0.72, 0.11, 0.11),
} as const;

export interface PdfFonts {
  /** Noto Sans SC: Chinese and Latin text. */
  text: PDFFont;
  bold: PDFFont;
  /** Courier (a standard font, ASCII only): hashes, addresses, commands. */
  mono: PDFFont;
}

export type TextStyle = 'text' | 'bold' | 'mono';

export interface ValueLine {
  text: string;
  style?: TextStyle;
  size?: number;
  color?: RGB;
  /** Lines after which the text is clipped with an ellipsis; user-supplied text should set this. */
  maxLines?: number;
}

export interface VerificationStep {
  zh?: string;
  en?: string;
  /** A command line, printed in a monospace font (ASCII only). */
  command?: string;
}

export interface FieldRow {
  zh: string;
  en: string;
  value: string | ValueLine | ValueLine[];
}

/** Creates the document with metadata and the certificate JSON attached; the page is added by the caller. */
export async function createCertificateDocument({
  certificate,
  title,
  subject,
}: {
  certificate: Certificate;
  title: string;
  subject: string;
}): Promise<{ pdfDoc: PDFDocument; fonts: PdfFonts }> {
  const fontBytes = await loadCertificateFonts();
  const pdfDoc = await PDFDocument.create();
  pdfDoc.registerFontkit(certificateFontkit);
  const fonts: PdfFonts = {
    text: await pdfDoc.embedFont(fontBytes.regular, { subset: true }),
    bold: await pdfDoc.embedFont(fontBytes.bold, { subset: true }),
    mono: await pdfDoc.embedFont(StandardFonts.Courier),
  };
  // Dates come from the certificate, not the clock, so the same certificate renders to the same bytes.
  const issuedAt = new Date(certificate.issuedAt);
  pdfDoc.setTitle(title, { showInWindowTitleBar: true });
  pdfDoc.setSubject(subject);
  pdfDoc.setKeywords([certificate.serial, certificate.evidence.sha256, certificate.anchor.txHash]);
  pdfDoc.setAuthor(certificate.issuer.name);
  pdfDoc.setCreator('Evident');
  pdfDoc.setProducer('Evident (pdf-lib)');
  pdfDoc.setLanguage('zh-CN');
  pdfDoc.setCreationDate(issuedAt);
  pdfDoc.setModificationDate(issuedAt);
  await attachCertificateJson(pdfDoc, certificate);
  return { pdfDoc, fonts };
}

export class PageLayout {
  /** Baseline-independent top of the next block, in PDF points from the bottom of the page. */
  y: number;
  readonly left: number;
  readonly right: number;

  constructor(
    readonly page: PDFPage,
    readonly fonts: PdfFonts,
    { margin, top }: { margin: number; top: number },
  ) {
    this.left = margin;
    this.right = page.getWidth() - margin;
    this.y = top;
  }

  get width(): number {
    return this.right - this.left;
  }

  font(style: TextStyle = 'text'): PDFFont {
    return this.fonts[style];
  }

  /** Double-ruled border around the page, as printed certificates have. */
  drawFrame({ inset, color = COLORS.navy }: { inset: number; color?: RGB }): void {
    const { width, height } = this.page.getSize();
    this.page.drawRectangle({ x: inset, y: inset, width: width - 2 * inset, height: height - 2 * inset, borderColor: color, borderWidth: 1.6 });
    this.page.drawRectangle({
      x: inset + 4,
      y: inset + 4,
      width: width - 2 * inset - 8,
      height: height - 2 * inset - 8,
      borderColor: color,
      borderWidth: 0.5,
    });
  }

  /** One line of text at the current position, left, centred or right-aligned within the content width. */
  drawLine(
    text: string,
    { style = 'text', size, color = COLORS.ink, align = 'left', advance = true }: { style?: TextStyle; size: number; color?: RGB; align?: 'left' | 'center' | 'right'; advance?: boolean },
  ): void {
    const font = this.font(style);
    const textWidth = font.widthOfTextAtSize(text, size);
    const x = align === 'left' ? this.left : align === 'center' ? this.left + (this.width - textWidth) / 2 : this.right - textWidth;
    this.page.drawText(text, { x, y: this.y - ascent(size), size, font, color });
    if (advance) this.y -= lineHeight(size);
  }

  /** Pieces of differently styled text on one centred line. */
  drawCenteredRun(pieces: { text: string; style?: TextStyle; size: number; color?: RGB }[]): void {
    const gap = 6;
    const widths = pieces.map((piece) => this.font(piece.style).widthOfTextAtSize(piece.text, piece.size));
    const total = widths.reduce((sum, w) => sum + w, 0) + gap * (pieces.length - 1);
    const tallest = Math.max(...pieces.map((piece) => piece.size));
    let x = this.left + (this.width - total) / 2;
    pieces.forEach((piece, i) => {
      this.page.drawText(piece.text, {
        x,
        y: this.y - ascent(tallest),
        size: piece.size,
        font: this.font(piece.style),
        color: piece.color ?? COLORS.ink,
      });
      x += widths[i] + gap;
    });
    this.y -= lineHeight(tallest);
  }

  rule({ color = COLORS.rule, thickness = 0.5, gapBefore = 0, gapAfter = 0 } = {}): void {
    this.y -= gapBefore;
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness, color });
    this.y -= gapAfter;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Brand line, bilingual title and the certificate serial, closed by a rule. */
  drawDocumentHeader({ zh, en, serial, note }: { zh: string; en: string; serial: string; note: string }): void {
    this.drawLine('EVIDENT · 电子数据存证平台', { style: 'bold', size: 7.5, color: COLORS.muted, advance: false });
    this.drawLine(note, { size: 7.5, color: COLORS.muted, align: 'right' });
    this.space(4);
    this.drawLine(zh, { style: 'bold', size: 23, color: COLORS.navy, align: 'center' });
    this.drawLine(en, { size: 10.5, color: COLORS.muted, align: 'center' });
    this.space(4);
    this.drawCenteredRun([
      { text: '证书编号', style: 'bold', size: 10, color: COLORS.seal },
      { text: 'Certificate No.', size: 8.5, color: COLORS.muted },
      { text: serial, style: 'bold', size: 12.5, color: COLORS.seal },
    ]);
    this.rule({ color: COLORS.navy, thickness: 1, gapBefore: 4, gapAfter: 9 });
  }

  /** The QR code on the left and numbered bilingual steps beside it. */
  drawVerificationBlock({ verifyUrl, steps }: { verifyUrl: string; steps: VerificationStep[] }): void {
    const top = this.y;
    // The symbol lines up with the text above; its quiet zone reaches into the margin. A verify URL
    // of usual length makes a 33-module symbol: 2.9 pt modules scan well from paper and at 150 dpi.
    const qr = drawQrCode(this.page, { text: verifyUrl, x: this.left, top, maxSize: 96, maxModuleSize: 2.9 });
    const x = this.left + 96 + Math.max(qr.quietZone, 14);
    const width = this.right - x;
    this.space(qr.quietZone - 2);
    steps.forEach((step, i) => {
      if (step.zh) this.drawParagraph(`${i + 1}. ${step.zh}`, { size: 8.5, x, width, maxLines: 3 });
      if (step.en) this.drawParagraph(step.en, { size: 7.5, color: COLORS.muted, x, width, maxLines: 3 });
      if (step.command) this.drawParagraph(step.command, { style: 'mono', size: 8, color: COLORS.navy, x, width });
      this.space(2.5);
    });
    this.y = Math.min(this.y, qr.bottom);
  }

  /** Section heading: Chinese in bold, English beside it, on a light band. */
  drawSectionHeading(zh: string, en: string): void {
    const height = 17;
    this.page.drawRectangle({ x: this.left, y: this.y - height, width: this.width, height, color: COLORS.band });
    this.page.drawRectangle({ x: this.left, y: this.y - height, width: 2.5, height, color: COLORS.navy });
    const baseline = this.y - height + 5;
    this.page.drawText(zh, { x: this.left + 8, y: baseline, size: 10, font: this.fonts.bold, color: COLORS.navy });
    const zhWidth = this.fonts.bold.widthOfTextAtSize(zh, 10);
    this.page.drawText(en, { x: this.left + 8 + zhWidth + 6, y: baseline, size: 8.5, font: this.fonts.text, color: COLORS.muted });
    this.y -= height + 2;
  }

  /** Label/value rows: bilingual label on the left, value lines (wrapped) on the right, hairlines between. */
  drawFieldRows(rows: FieldRow[]): void {
    const labelWidth = 138;
    const padding = 3;
    const valueX = this.left + labelWidth;
    const valueWidth = this.right - valueX;
    for (const row of rows) {
      const labelLines = this.labelLines(row.zh, row.en, labelWidth - 8);
      const valueLines = toValueLines(row.value).flatMap((line) => {
        const size = line.size ?? defaultSize(line.style);
        return this.wrap(line.text, { style: line.style, size, width: valueWidth, maxLines: line.maxLines }).map((text) => ({
          ...line,
          text,
          size,
        }));
      });
      const valueHeight = valueLines.reduce((sum, line) => sum + lineHeight(line.size), 0);
      const labelHeight = labelLines.length * lineHeight(9);
      const rowHeight = Math.max(valueHeight, labelHeight) + 2 * padding;

      let labelY = this.y - padding;
      for (const pieces of labelLines) {
        let x = this.left + 2;
        for (const piece of pieces) {
          const font = piece.lang === 'zh' ? this.fonts.bold : this.fonts.text;
          const size = piece.lang === 'zh' ? 9 : 7.5;
          this.page.drawText(piece.text, { x, y: labelY - ascent(9), size, font, color: piece.lang === 'zh' ? COLORS.navy : COLORS.muted });
          x += font.widthOfTextAtSize(piece.text, size) + 4;
        }
        labelY -= lineHeight(9);
      }
      let valueY = this.y - padding;
      for (const line of valueLines) {
        // Courier's glyphs sit lower in their box than Noto's; lift them to share the label's baseline.
        this.page.drawText(line.text, {
          x: valueX,
          y: valueY - ascent(line.size) + (line.style === 'mono' ? 0.6 : 0),
          size: line.size,
          font: this.font(line.style),
          color: line.color ?? COLORS.ink,
        });
        valueY -= lineHeight(line.size);
      }
      this.y -= rowHeight;
      this.rule();
    }
  }

  /** Wrapped text at (x, width), advancing the layout. */
  drawParagraph(
    text: string,
    { style = 'text', size, color = COLORS.ink, x = this.left, width = this.width, maxLines }: { style?: TextStyle; size: number; color?: RGB; x?: number; width?: number; maxLines?: number },
  ): void {
    for (const line of this.wrap(text, { style, size, width, maxLines })) {
      this.page.drawText(line, { x, y: this.y - ascent(size), size, font: this.font(style), color });
      this.y -= lineHeight(size);
    }
  }

  /**
   * Centred notes pinned to the bottom of the page, under a rule, their last line ending at `bottom`.
   * Throws if the flowing content above already reached that far: every text is clipped to a bounded
   * number of lines, so this only fires on a layout change, and tests with the longest inputs catch it.
   */
  drawFooter(paragraphs: { text: string; size: number; color?: RGB }[], { bottom }: { bottom: number }): void {
    const blocks = paragraphs.map((paragraph) => ({ ...paragraph, lines: this.wrap(paragraph.text, { size: paragraph.size, width: this.width, maxLines: 2 }) }));
    const height = blocks.reduce((sum, block) => sum + block.lines.length * lineHeight(block.size), 0);
    const top = bottom + height + 6;
    if (this.y < top) throw new Error(`Page content overflows into the footer (content ends at ${this.y.toFixed(1)} pt, footer starts at ${top.toFixed(1)} pt)`);
    this.y = top;
    this.rule({ gapAfter: 6 });
    for (const block of blocks) {
      for (const line of block.lines) this.drawLine(line, { size: block.size, color: block.color ?? COLORS.muted, align: 'center' });
    }
  }

  /**
   * Greedy line breaking: between words of Latin text, anywhere between CJK characters, and inside a
   * word (hashes, URLs, file names) only when the word alone is wider than the line.
   */
  wrap(text: string, { style = 'text', size, width, maxLines }: { style?: TextStyle; size: number; width: number; maxLines?: number }): string[] {
    const font = this.font(style);
    const measure = (s: string) => font.widthOfTextAtSize(s, size);
    // Widths add up token by token (shaping each candidate line again is quadratic); the half-point
    // margin absorbs kerning between tokens.
    const limit = width - 0.5;
    const tokens = text.match(/\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g) ?? [''];
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    const breakLine = () => {
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    };
    for (const token of tokens) {
      const tokenWidth = measure(token);
      if (lineWidth + tokenWidth <= limit) {
        line += token;
        lineWidth += tokenWidth;
        continue;
      }
      breakLine();
      if (/^\s+$/.test(token)) continue;
      if (tokenWidth <= limit) {
        line = token;
        lineWidth = tokenWidth;
        continue;
      }
      for (const char of Array.from(token)) {
        const charWidth = measure(char);
        if (lineWidth + charWidth > limit && line !== '') breakLine();
        line += char;
        lineWidth += charWidth;
      }
    }
    if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
    if (maxLines === undefined || lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1];
    while (last.length > 0 && measure(last + '…') > width) last = Array.from(last).slice(0, -1).join('');
    kept[maxLines - 1] = last.trimEnd() + '…';
    return kept;
  }

  private labelLines(zh: string, en: string, width: number): { text: string; lang: 'zh' | 'en' }[][] {
    const zhWidth = this.fonts.bold.widthOfTextAtSize(zh, 9);
    const enWidth = this.fonts.text.widthOfTextAtSize(en, 7.5);
    if (zhWidth + 4 + enWidth <= width) return [[{ text: zh, lang: 'zh' }, { text: en, lang: 'en' }]];
    return [[{ text: zh, lang: 'zh' }], [{ text: en, lang: 'en' }]];
  }
}

function toValueLines(value: FieldRow['value']): ValueLine[] {
  if (typeof value === 'string') return [{ text: value }];
  return Array.isArray(value) ? value : [value];
}

function defaultSize(style: TextStyle | undefined): number {
  return style === 'mono' ? 8.4 : 9;
}

// Noto Sans SC's ascender is 0.88 em; lines are spaced at 1.4 em for CJK legibility.
function ascent(size: number): number {
  return size * 0.88;
}

function lineHeight(size: number): number {
  return size * 1.4;
}
