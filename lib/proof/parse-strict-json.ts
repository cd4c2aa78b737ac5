// JSON with one meaning for every byte (docs/proof-format.md section 1.1). JSON.parse keeps the last
// of two equal keys, so `{"evidence": <forged>, "evidence": <genuine>}` reads as the genuine object
// here and as the forged one in a tool that keeps the first: a document with a duplicate key, at any
// depth, is refused and the key's path named. Keys are compared after unescaping ("a" and "\u0061"
// are the same key). Optionally, numbers at given paths must be spelled one way (plain digits), and
// nesting is bounded. Browser-safe; one linear pass over the text after JSON.parse has accepted it.

export class StrictJsonError extends Error {
  constructor(
    message: string,
    /** JSONPath-like location, `$` for the document, e.g. `$.evidence.fileName` or `$.proof.path[2]`. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'StrictJsonError';
  }
}

export interface StrictJsonOptions {
  /** Checks the raw spelling of the number at `path` (only paths it knows); returns a problem or null. */
  numberPolicy?: (path: string, raw: string) => string | null;
  /** Deepest nesting of objects and arrays allowed (default 128). */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 128;

/** Plain decimal digits: no sign, fraction, exponent or leading zero. */
export const PLAIN_INTEGER = /^(0|[1-9][0-9]*)$/;

export function parseStrictJson(text: string, options: StrictJsonOptions = {}): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StrictJsonError(`is not valid JSON (${(error as Error).message})`, '$');
  }
  scanStrictJson(text, options);
  return value;
}

interface Frame {
  /** Keys seen so far (objects only): an array while small (faster than a Set for a few keys). */
  keys: string[] | null;
  /** Past SMALL_OBJECT keys, a Set of them. */
  keySet?: Set<string>;
  /** The current key (objects) or index (arrays), for paths. */
  at: string | number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const SMALL_OBJECT = 16;

function pathOf(stack: Frame[]): string {
  let path = '$';
  for (const frame of stack) {
    if (frame.keys === null) path += `[${frame.at as number}]`;
    else path += IDENTIFIER.test(frame.at as string) ? `.${frame.at as string}` : `[${JSON.stringify(frame.at)}]`;
  }
  return path;
}

/** Walks text that JSON.parse accepted; throws StrictJsonError at the first duplicate key, policy
 * violation or excess depth. */
export function scanStrictJson(text: string, { numberPolicy, maxDepth = DEFAULT_MAX_DEPTH }: StrictJsonOptions = {}): void {
  const stack: Frame[] = [];
  let expectKey = false;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      // The closing quote is the next one not escaped (an odd run of backslashes before it escapes it);
      // indexOf keeps this at native speed over long strings.
      let end = text.indexOf('"', i + 1);
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes += 1;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end + 1;
      if (expectKey) {
        const frame = stack[stack.length - 1]!;
        const raw = text.slice(start + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        frame.at = key;
        const keys = frame.keys!;
        if (frame.keySet ? frame.keySet.has(key) : keys.includes(key)) {
          throw new StrictJsonError(`duplicate key ${JSON.stringify(key)}`, pathOf(stack));
        }
        if (frame.keySet) frame.keySet.add(key);
        else {
          keys.push(key);
          if (keys.length > SMALL_OBJECT) frame.keySet = new Set(keys);
        }
        expectKey = false;
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) throw new StrictJsonError(`nests deeper than ${maxDepth} levels`, pathOf(stack));
      const isObject = c === 0x7b;
      stack.push({ keys: isObject ? [] : null, at: isObject ? '' : 0 });
      expectKey = isObject;
      i += 1;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
      i += 1;
      continue;
    }
    if (c === 0x2c /* , */) {
      const frame = stack[stack.length - 1]!;
      if (frame.keys === null) frame.at = (frame.at as number) + 1;
      else expectKey = true;
      i += 1;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i += 1;
      while (i < length) {
        const d = text.charCodeAt(i);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i += 1;
        else break;
      }
      if (numberPolicy) {
        const path = pathOf(stack);
        const problem = numberPolicy(path, text.slice(start, i));
        if (problem !== null) throw new StrictJsonError(problem, path);
      }
      continue;
    }
    // whitespace, ':', true, false, null
    i += 1;
  }
}
