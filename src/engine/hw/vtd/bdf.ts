/**
 * PCI source-id helpers: "bb:dd.f" (hex bus, hex device 0–1f, function 0–7) ↔ sid = bus << 8 | devfn.
 */

const BDF_RE = /^([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/;

/** Parses "bb:dd.f" into a source-id, or null when malformed or out of range. */
export function parseBdf(bdf: string): number | null {
  const m = BDF_RE.exec(bdf);
  if (m === null) return null;
  const bus = parseInt(m[1] ?? '', 16);
  const dev = parseInt(m[2] ?? '', 16);
  const fn = parseInt(m[3] ?? '', 16);
  if (dev > 0x1f) return null;
  return (bus << 8) | (dev << 3) | fn;
}

/** Formats a source-id as "bb:dd.f" (lowercase, as Linux prints it). */
export function formatBdf(sid: number): string {
  const bus = (sid >> 8) & 0xff;
  const dev = (sid >> 3) & 0x1f;
  const fn = sid & 7;
  return `${bus.toString(16).padStart(2, '0')}:${dev.toString(16).padStart(2, '0')}.${fn}`;
}

/**
 * The device's source-id and name: its `bdf` when valid, else one derived from its index
 * (bus = index >> 8, devfn = index & 0xff), so a malformed name never breaks the walk.
 */
export function deviceSid(bdf: string, index: number): { sid: number; bdf: string } {
  const sid = parseBdf(bdf);
  if (sid !== null) return { sid, bdf };
  const fallback = index & 0xffff;
  return { sid: fallback, bdf: formatBdf(fallback) };
}
