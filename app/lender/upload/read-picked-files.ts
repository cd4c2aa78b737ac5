// The files of a drop or a pick, each with its path within what was picked: a dropped folder is walked
// (the File and Directory Entries API), a folder picked with `webkitdirectory` carries the path in
// webkitRelativePath. The spreadsheet's file names are matched against these paths. Hidden and system
// files a folder carries without the lender putting them there (.DS_Store, Thumbs.db) are left out.

export interface PickedFile {
  file: File;
  /** `folder/sub/name.pdf`, or the file name for a file picked on its own. */
  relativePath: string;
}

const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini']);

function isSystemFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase()) || path.split('/').some((part) => part.startsWith('.'));
}

export function pickedFiles(files: FileList | File[]): PickedFile[] {
  return Array.from(files)
    .map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }))
    .filter(({ relativePath }) => !isSystemFile(relativePath));
}

/** The dropped files and the files of dropped folders, in the order the browser lists them. */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken synchronously, before the drop event's data store closes.
  const entries = Array.from(transfer.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (!entries.some((entry) => entry.isDirectory)) return pickedFiles(transfer.files);
  const found: PickedFile[] = [];
  for (const entry of entries) await walk(entry, found);
  return found.filter(({ relativePath }) => !isSystemFile(relativePath));
}

async function walk(entry: FileSystemEntry, found: PickedFile[]): Promise<void> {
  const relativePath = entry.fullPath.replace(/^\/+/, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    found.push({ file, relativePath });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in pages (100 in Chromium) until it answers an empty one.
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) break;
    for (const child of page) await walk(child, found);
  }
}
