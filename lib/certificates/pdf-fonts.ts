// The fonts of the PDF certificate and receipt: Noto Sans SC (SIL OFL 1.1) as shipped in TrueType form
// by the npm package @expo-google-fonts/noto-sans-sc, read from node_modules at render time so no
// font is fetched or taken from the system. Node-only; the bytes are read and padded once per process.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { padTrueTypeGlyphs } from './pdf-truetype-glyph-padding';

export const CERTIFICATE_FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';

const FONT_FILES = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type CertificateFonts = Record<keyof typeof FONT_FILES, Uint8Array>;

let fonts: Promise<CertificateFonts> | undefined;

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();

/**
 * fontkit for pdf-lib that parses each font once per process. Parsing copies the 10 MB font byte by
 * byte and took about as long as rendering the rest of a page; the parsed font is read-only, since
 * each embedding builds its own subset.
 */
export const certificateFontkit: Fontkit = {
  create(bytes, postscriptName) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

export function loadCertificateFonts(): Promise<CertificateFonts> {
  if (!fonts) {
    fonts = readCertificateFonts();
    fonts.catch(() => (fonts = undefined));
  }
  return fonts;
}

async function readCertificateFonts(): Promise<CertificateFonts> {
  // Resolved from the working directory, not through require.resolve: a Next.js server bundle
  // rewrites module resolution, while `next start`, tests and scripts all run from the project root.
  const packageDir = findPackageDir(process.cwd());
  const read = async (file: string) => padTrueTypeGlyphs(new Uint8Array(await readFile(path.join(packageDir, file))));
  const [regular, bold] = await Promise.all([read(FONT_FILES.regular), read(FONT_FILES.bold)]);
  return { regular, bold };
}

function findPackageDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', CERTIFICATE_FONT_PACKAGE);
    if (existsSync(path.join(candidate, FONT_FILES.regular))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(
        `The certificate font package ${CERTIFICATE_FONT_PACKAGE} is not installed in node_modules above ${start}; run npm install.`,
      );
    }
  }
}

