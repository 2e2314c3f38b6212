export type DiffKind = 'same' | 'removed' | 'added';

export interface DiffLine {
  kind: DiffKind;
  /** The line in the left text (same, removed), 1-based. */
  left?: number;
  /** The line in the right text (same, added), 1-based. */
  right?: number;
  text: string;
}

/** A line diff of two texts (longest common subsequence), for comparing two revisions. */
export function diffLines(leftText: string, rightText: string): DiffLine[] {
  const left = leftText.split('\n');
  const right = rightText.split('\n');
  const rows = left.length + 1;
  const cols = right.length + 1;
  // common[i][j]: the longest common subsequence of left[i..] and right[j..].
  const common = new Uint32Array(rows * cols);
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      common[i * cols + j] =
        left[i] === right[j]
          ? (common[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(common[(i + 1) * cols + j] ?? 0, common[i * cols + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && left[i] === right[j]) {
      out.push({ kind: 'same', left: i + 1, right: j + 1, text: left[i] as string });
      i++;
      j++;
    } else if (
      j < right.length &&
      (i === left.length || (common[i * cols + j + 1] ?? 0) > (common[(i + 1) * cols + j] ?? 0))
    ) {
      out.push({ kind: 'added', right: j + 1, text: right[j] as string });
      j++;
    } else {
      out.push({ kind: 'removed', left: i + 1, text: left[i] as string });
      i++;
    }
  }
  return out;
}
