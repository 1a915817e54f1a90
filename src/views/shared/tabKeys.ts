/** Keys of the WAI-ARIA tabs pattern (TabList.tsx), apart from the DOM. */

/** The tab the key moves to from `at` among `count` tabs, or null for a key tabs do not use. */
export function nextTab(key: string, at: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (at + 1) % count;
    case 'ArrowLeft':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
