import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_FONT_PACKAGE } from './pdf-fonts';
import { padTrueTypeGlyphs } from './pdf-truetype-glyph-padding';

const fontFile = path.resolve('node_modules', CERTIFICATE_FONT_PACKAGE, '400Regular/NotoSansSC_400Regular.ttf');
const original = new Uint8Array(readFileSync(fontFile));

// fontkit parses every table but types only its public API.
function glyphOffsets(bytes: Uint8Array): number[] {
  return (fontkit.create(bytes) as unknown as { loca: { offsets: number[] } }).loca.offsets;
}

describe('padTrueTypeGlyphs', () => {
  const padded = padTrueTypeGlyphs(original);

  it('starts every glyph of Noto Sans SC at a 4-byte boundary (the shipped font has odd offsets)', () => {
    expect(glyphOffsets(original).some((offset) => offset % 2 === 1)).toBe(true);
    expect(glyphOffsets(padded).every((offset) => offset % 4 === 0)).toBe(true);
  });

  it('keeps every glyph outline, advance and mapping the same', () => {
    const before = fontkit.create(original);
    const after = fontkit.create(padded);
    expect(after.numGlyphs).toBe(before.numGlyphs);
    for (const char of '证书编号Certificate0x9f—（）“”') {
      const a = before.glyphForCodePoint(char.codePointAt(0)!);
      const b = after.glyphForCodePoint(char.codePointAt(0)!);
      expect(b.id).toBe(a.id);
      expect(b.advanceWidth).toBe(a.advanceWidth);
      expect(b.path.toSVG()).toBe(a.path.toSVG());
    }
  });

  it('writes valid table checksums and whole-font checksum adjustment', () => {
    const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
    const sum = (from: number, length: number) => {
      let total = 0;
      for (let i = from; i < from + length; i += 4) total = (total + view.getUint32(i)) >>> 0;
      return total;
    };
    for (let i = 0; i < view.getUint16(4); i++) {
      const record = 12 + 16 * i;
      const tag = String.fromCharCode(...padded.subarray(record, record + 4));
      if (tag === 'head') continue; // its checksum is taken with checkSumAdjustment zeroed
      expect(sum(view.getUint32(record + 8), (view.getUint32(record + 12) + 3) & ~3)).toBe(view.getUint32(record + 4));
    }
    expect(sum(0, padded.length)).toBe(0xb1b0afba);
  });

  it('returns a font that needs no padding unchanged', () => {
    expect(padTrueTypeGlyphs(padded)).toBe(padded);
  });
});
