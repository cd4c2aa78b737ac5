import { describe, expect, it } from 'vitest';
import { originalEntryName, safeFileName } from './package-entry-name';

describe('evidence package entry names', () => {
  it('keeps Chinese names and numbers each original by its position', () => {
    expect(originalEntryName(7, 12, '借款合同.pdf')).toBe('originals/007-借款合同.pdf');
    expect(originalEntryName(12, 1500, 'a.txt')).toBe('originals/0012-a.txt');
  });

  it('cannot climb out of its folder or hide behind direction overrides', () => {
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('invoice\u202egpj.exe')).toBe('invoice_gpj.exe');
    expect(safeFileName('a\u0000b\nc.pdf')).toBe('a_b_c.pdf');
    expect(safeFileName('C:\\x|y?.doc')).toBe('C__x_y_.doc');
    expect(safeFileName('..')).toBe('_');
    expect(safeFileName('.hidden')).toBe('_hidden');
    expect(safeFileName('report. . ')).toBe('report');
    expect(safeFileName('')).toBe('file');
  });

  it('shortens very long names but keeps their extension', () => {
    const name = safeFileName(`${'长'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
