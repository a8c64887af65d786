/**
 * A small line diff (longest common subsequence), enough for comparing pretty-printed
 * JSON documents of a few hundred lines. No dependency; deterministic output.
 */

export type DiffOpKind = 'equal' | 'delete' | 'insert';

export interface DiffLine {
  kind: DiffOpKind;
  text: string;
  /** 1-based line number in the old text (equal and delete lines). */
  oldLine?: number;
  /** 1-based line number in the new text (equal and insert lines). */
  newLine?: number;
}

/** Above this many LCS cells, the changed middle is shown as one replaced block. */
const MAX_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Diffs two texts line by line. Deletions come before insertions within a change. */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const out: DiffLine[] = [];

  // Common prefix and suffix need no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  for (let i = 0; i < start; i++) out.push({ kind: 'equal', text: a[i], oldLine: i + 1, newLine: i + 1 });

  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) out.push({ kind: 'delete', text: a[i], oldLine: i + 1 });
    for (let j = start; j < endB; j++) out.push({ kind: 'insert', text: b[j], newLine: j + 1 });
  } else {
    out.push(...middleDiff(a, b, start, endA, endB));
  }

  for (let k = 0; endA + k < a.length; k++) {
    out.push({ kind: 'equal', text: a[endA + k], oldLine: endA + k + 1, newLine: endB + k + 1 });
  }
  return out;
}

function middleDiff(a: string[], b: string[], start: number, endA: number, endB: number): DiffLine[] {
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), row-major, (n+1) x (m+1).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[start + i] === b[start + j]
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }

  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let deletes: DiffLine[] = [];
  let inserts: DiffLine[] = [];
  const flush = (): void => {
    out.push(...deletes, ...inserts);
    deletes = [];
    inserts = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      flush();
      out.push({ kind: 'equal', text: a[start + i], oldLine: start + i + 1, newLine: start + j + 1 });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])) {
      inserts.push({ kind: 'insert', text: b[start + j], newLine: start + j + 1 });
      j++;
    } else {
      deletes.push({ kind: 'delete', text: a[start + i], oldLine: start + i + 1 });
      i++;
    }
  }
  flush();
  return out;
}

export type DiffRow = { type: 'line'; line: DiffLine; segments: DiffSegment[] } | { type: 'skip'; count: number; from: number };

export interface DiffSegment {
  text: string;
  changed: boolean;
}

/**
 * Folds long unchanged runs to `context` lines around each change, and marks the
 * changed part of lines that were edited in place (a deleted line followed by its
 * replacement).
 */
export function toDiffRows(lines: readonly DiffLine[], context = 3, expandAll = false): DiffRow[] {
  const segments = inlineSegments(lines);
  const keep = new Array<boolean>(lines.length).fill(expandAll);
  if (!expandAll) {
    lines.forEach((line, index) => {
      if (line.kind === 'equal') return;
      for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
    });
  }
  const rows: DiffRow[] = [];
  let index = 0;
  while (index < lines.length) {
    if (keep[index]) {
      rows.push({ type: 'line', line: lines[index], segments: segments[index] });
      index++;
      continue;
    }
    const from = index;
    while (index < lines.length && !keep[index]) index++;
    const count = index - from;
    // Folding a single line saves nothing.
    if (count === 1) rows.push({ type: 'line', line: lines[from], segments: segments[from] });
    else rows.push({ type: 'skip', count, from });
  }
  return rows;
}

function inlineSegments(lines: readonly DiffLine[]): DiffSegment[][] {
  const result: DiffSegment[][] = lines.map((line) => [{ text: line.text, changed: false }]);
  let index = 0;
  while (index < lines.length) {
    if (lines[index].kind !== 'delete') {
      index++;
      continue;
    }
    const delStart = index;
    while (index < lines.length && lines[index].kind === 'delete') index++;
    const insStart = index;
    while (index < lines.length && lines[index].kind === 'insert') index++;
    const pairs = Math.min(insStart - delStart, index - insStart);
    for (let k = 0; k < pairs; k++) {
      const [oldSegs, newSegs] = pairSegments(lines[delStart + k].text, lines[insStart + k].text);
      result[delStart + k] = oldSegs;
      result[insStart + k] = newSegs;
    }
  }
  return result;
}

function pairSegments(oldText: string, newText: string): [DiffSegment[], DiffSegment[]] {
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  ) {
    suffix++;
  }
  const split = (text: string): DiffSegment[] =>
    [
      { text: text.slice(0, prefix), changed: false },
      { text: text.slice(prefix, text.length - suffix), changed: true },
      { text: text.slice(text.length - suffix), changed: false },
    ].filter((segment) => segment.text !== '');
  return [split(oldText), split(newText)];
}

/** JSON with object keys sorted at every level, so key order never shows up as a change. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) ?? '';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
