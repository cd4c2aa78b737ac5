import { describe, expect, it } from 'vitest';
import { droppedFiles, pickedFiles } from './read-picked-files';

/** A dropped folder as Chromium's File and Directory Entries API shows it, answering readEntries in pages of two. */
function directory(fullPath: string, children: FileSystemEntry[]): FileSystemEntry {
  return {
    isFile: false,
    isDirectory: true,
    fullPath,
    createReader: () => {
      let next = 0;
      return { readEntries: (resolve: (entries: FileSystemEntry[]) => void) => resolve(children.slice(next, (next += 2))) };
    },
  } as unknown as FileSystemEntry;
}
function file(fullPath: string): FileSystemEntry {
  const name = fullPath.split('/').pop()!;
  return { isFile: true, isDirectory: false, fullPath, file: (resolve: (f: File) => void) => resolve(new File([name], name)) } as unknown as FileSystemEntry;
}

describe('the files of a pick or a drop', () => {
  it('walks a dropped folder, every page of every directory, with paths, leaving out hidden and system files', async () => {
    const tree = directory('/loans', [
      file('/loans/a.pdf'),
      file('/loans/.DS_Store'),
      directory('/loans/scans', [file('/loans/scans/b.pdf'), file('/loans/scans/Thumbs.db'), file('/loans/scans/c.pdf')]),
      directory('/loans/.git', [file('/loans/.git/config')]),
      file('/loans/d.pdf'),
    ]);
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => tree }], files: [] } as unknown as DataTransfer;
    expect((await droppedFiles(transfer)).map((f) => f.relativePath)).toEqual(['loans/a.pdf', 'loans/scans/b.pdf', 'loans/scans/c.pdf', 'loans/d.pdf']);
  });

  it('takes dropped or picked files as they are, a picked folder’s with webkitRelativePath', async () => {
    const plain = new File(['x'], 'x.pdf');
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => null }], files: [plain] } as unknown as DataTransfer;
    expect(await droppedFiles(transfer)).toEqual([{ file: plain, relativePath: 'x.pdf' }]);
    const inFolder = Object.defineProperty(new File(['y'], 'y.pdf'), 'webkitRelativePath', { value: 'loans/y.pdf' });
    expect(pickedFiles([inFolder, new File([''], '.DS_Store')]).map((f) => f.relativePath)).toEqual(['loans/y.pdf']);
  });
});
