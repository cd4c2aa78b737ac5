// Random access to a committed side on disk (§4.2), for proof minting: a record by index, a tree
// node by level and index, a key's position by binary search. Reads a few hundred bytes per proof,
// whatever the side's size. Node-only.
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { merkleLevelSizes } from '../merkle/stream-merkle-levels';
import { fromHex } from '../proof/hex';
import { controlTotalsFromJson, type ControlTotals } from './control-totals';
import { readFully, sideFilePaths } from './side-files';
import { SIDE_RECORD_LENGTH } from './side-record';
import { compareKeysAt } from './sort-side-records';

export interface PathElement {
  level: number;
  hash: Uint8Array;
}

export class SideTree {
  private readonly levelOffsets: number[] = [];
  private readonly sizes: number[];

  private constructor(
    readonly rowCount: number,
    readonly root: Uint8Array,
    readonly controlTotals: ControlTotals,
    private readonly rowsFd: number,
    private readonly levelsFd: number,
  ) {
    this.sizes = merkleLevelSizes(rowCount);
    let offset = 0;
    for (const size of this.sizes) {
      this.levelOffsets.push(offset);
      offset += size * 32;
    }
  }

  static async open(directory: string): Promise<SideTree> {
    const paths = sideFilePaths(directory);
    const json = JSON.parse(await readFile(paths.commitment, 'utf8'));
    return new SideTree(json.rowCount, fromHex(json.root, 32), controlTotalsFromJson(json.controlTotals), openSync(paths.rows, 'r'), openSync(paths.levels, 'r'));
  }

  close(): void {
    closeSync(this.rowsFd);
    closeSync(this.levelsFd);
  }

  record(index: number): Uint8Array {
    this.checkIndex(index);
    const record = new Uint8Array(SIDE_RECORD_LENGTH);
    readFully(this.rowsFd, record, index * SIDE_RECORD_LENGTH);
    return record;
  }

  key(index: number): Uint8Array {
    this.checkIndex(index);
    const key = new Uint8Array(32);
    readFully(this.rowsFd, key, index * SIDE_RECORD_LENGTH);
    return key;
  }

  node(level: number, index: number): Uint8Array {
    const node = new Uint8Array(32);
    readFully(this.levelsFd, node, this.levelOffsets[level] + index * 32);
    return node;
  }

  /** The RFC 9162 audit path of a leaf, each element with the level its sibling sits on. */
  path(index: number): PathElement[] {
    this.checkIndex(index);
    const path: PathElement[] = [];
    let at = index;
    for (let level = 0; level < this.sizes.length - 1; level++) {
      const sibling = at % 2 === 1 ? at - 1 : at + 1;
      if (sibling < this.sizes[level]) path.push({ level, hash: this.node(level, sibling) });
      at = Math.floor(at / 2);
    }
    return path;
  }

  /** The key's index, or where it would be inserted (the index of the first greater key). */
  find(key: Uint8Array): { found: boolean; index: number } {
    let low = 0;
    let high = this.rowCount;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const order = compareKeysAt(this.key(middle), 0, key, 0);
      if (order === 0) return { found: true, index: middle };
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return { found: false, index: low };
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.rowCount) {
      throw new RangeError(`Row index ${index} is outside a side of ${this.rowCount} rows.`);
    }
  }
}
