/**
 * Labels above a per-device PASID strip (views/PasidSpace/DeviceStrips.tsx). Marks of PASIDs close
 * together on a narrow strip (a 2-bit device, or the low PASIDs of a symlog 2^20 axis) are a few
 * pixels apart while their labels ("1:P1", "kernel (default:grp:dsa0)") are tens of pixels wide,
 * so labels must be placed against each other, not only against their marks.
 */

export interface StripLabelInput {
  /** Centre of the label's mark. */
  x: number;
  /** What the label may say, longest (preferred) first; the last is the shortest form. */
  texts: readonly string[];
  /** Placed before the others (the PASIDs the step changed: what the audience is looking at). */
  first?: boolean;
}

export interface StripLabelBox {
  /** Centre of the text (text-anchor: middle), clamped to the strip's span. */
  x: number;
  /** 0 = the row next to the strip, 1 = the one above it, … */
  row: number;
  text: string;
  left: number;
  right: number;
}

export interface StripLabelOptions {
  rows: number;
  /** Horizontal room a label may use (the strip's span, plus what the margins allow). */
  minX: number;
  maxX: number;
  /** Estimated width of a text; labels are svg text measured by no one before they are drawn. */
  width?: (text: string) => number;
  /** Least space between two labels of one row. */
  gap?: number;
}

/**
 * The strips' labels are 13px semibold sans-serif: 0.62em per character is a little wider than
 * its digits and capitals, so an estimated box holds the drawn text.
 */
export const estimateLabelWidth = (text: string): number => Math.ceil(text.length * 13 * 0.62);

/**
 * Places each label in the lowest row where its box clears the labels already there, as close to
 * its mark as it can (never more than half its width off it, or it would read as the next mark's
 * label), in its longest form that fits anywhere, else a shorter one; a label with no room in any
 * form is left out (null: its mark keeps the full text in its tooltip). Labels marked `first` (the
 * PASIDs the step changed) are placed before the others, then all in order of x, so the lowest
 * PASIDs keep their full names when room runs out.
 */
export function layoutStripLabels(
  labels: readonly StripLabelInput[],
  { rows, minX, maxX, width = estimateLabelWidth, gap = 6 }: StripLabelOptions
): (StripLabelBox | null)[] {
  const placed: StripLabelBox[][] = Array.from({ length: rows }, () => []);
  const rank = (l: StripLabelInput): number => (l.first ? 0 : 1);
  const order = labels
    .map((_, i) => i)
    .sort((a, b) => rank(labels[a]!) - rank(labels[b]!) || labels[a]!.x - labels[b]!.x);
  const out: (StripLabelBox | null)[] = labels.map(() => null);
  for (const i of order) {
    const box = placeOne(labels[i]!, placed, minX, maxX, width, gap);
    if (box) placed[box.row]!.push(box);
    out[i] = box;
  }
  return out;
}

/** Rounding slack for a box placed exactly `gap` beside another. */
const EPS = 1e-6;

function placeOne(
  l: StripLabelInput,
  placed: readonly (readonly StripLabelBox[])[],
  minX: number,
  maxX: number,
  width: (text: string) => number,
  gap: number
): StripLabelBox | null {
  for (const text of l.texts) {
    const w = width(text);
    if (w > maxX - minX) continue;
    const wanted = Math.min(maxX - w / 2, Math.max(minX + w / 2, l.x));
    for (let row = 0; row < placed.length; row++) {
      const others = placed[row]!;
      // Centred on the mark, else just beside one of the row's labels.
      const centres = [wanted, ...others.flatMap((o) => [o.right + gap + w / 2, o.left - gap - w / 2])]
        .filter((c) => Math.abs(c - l.x) <= w / 2 && c - w / 2 >= minX && c + w / 2 <= maxX)
        .filter((c) => others.every((o) => c + w / 2 + gap <= o.left + EPS || c - w / 2 - gap >= o.right - EPS))
        .sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted));
      const x = centres[0];
      if (x !== undefined) return { x, row, text, left: x - w / 2, right: x + w / 2 };
    }
  }
  return null;
}

/** Two placed labels overlap (same row, boxes closer than `gap`). */
export function labelsOverlap(a: StripLabelBox, b: StripLabelBox, gap = 0): boolean {
  return a.row === b.row && a.left < b.right + gap && b.left < a.right + gap;
}
