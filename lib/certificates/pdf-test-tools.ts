// Test support for the PDF tests: reads rendered PDFs back with the real tools a person or CI has,
// poppler (pdftotext, pdftoppm, pdfinfo, pdfdetach) and zbar (zbarimg). Not used by the application.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TOOLS = ['pdftotext', 'pdftoppm', 'pdfinfo', 'pdfdetach', 'zbarimg'];

export function assertPdfToolsInstalled(): void {
  const missing = TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(`Missing ${missing.join(', ')}: install them with apt-get install -y poppler-utils zbar-tools`);
  }
}

export function writeTempPdf(bytes: Uint8Array, name: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'evident-pdf-')), name);
  writeFileSync(file, bytes);
  return file;
}

/** The text of every page, or of one page when `page` is given (1-based). */
export function pdfText(file: string, { page }: { page?: number } = {}): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...pages, file, '-'], { encoding: 'utf8' });
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Renders page 1 at `dpi` to a PNG and returns its path. */
export function renderFirstPage(file: string, dpi = 150): string {
  const prefix = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', '-f', '1', '-l', '1', file, prefix]);
  return `${prefix}.png`;
}

/** Every QR code zbar finds in the image, decoded. */
export function decodeQrCodes(png: string): string[] {
  // zbarimg complains on stderr when there is no D-Bus; only its stdout matters.
  const output = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', png], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return output.split('\n').filter((line) => line !== '');
}

/** The attachments poppler lists, and the bytes of the first one. */
export function pdfAttachments(file: string): { names: string[]; first: Uint8Array } {
  const listing = execFileSync('pdfdetach', ['-list', '-enc', 'UTF-8', file], { encoding: 'utf8' });
  const names = listing
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\s*\d+:\s*/, ''))
    .filter((line) => line !== '');
  const out = `${file}.attachment-1`;
  execFileSync('pdfdetach', ['-save', '1', '-o', out, file]);
  return { names, first: new Uint8Array(readFileSync(out)) };
}
