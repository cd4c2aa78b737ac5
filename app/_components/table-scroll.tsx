/** A table's horizontal scroll box: focusable and named, so that a keyboard can scroll a table wider
 * than the screen and a screen reader says what the region holds (axe: scrollable-region-focusable). */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-lg bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
    >
      {children}
    </div>
  );
}
