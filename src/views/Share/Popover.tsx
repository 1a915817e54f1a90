/**
 * A button with a popover panel (a non-modal dialog). Opening moves focus to the panel's first
 * control; it closes on Escape, on a click outside and when focus leaves it (Tab past its end), and
 * a close from inside (Escape, an item that ran) returns focus to the button, never to the page body.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea, [tabindex="0"]';

export function Popover({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // Found by its aria-controls, not the ref: `close` is handed to the children while rendering.
  const close = (): void => {
    setOpen(false);
    document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(id)}"]`)?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel.current)?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div
      className="share-menu"
      ref={box}
      onBlur={(e) => {
        // Only a focus moved to another element outside: switching windows (no related target) keeps it open.
        if (open && e.relatedTarget instanceof Node && !box.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="btn btn-plain"
        aria-expanded={open}
        aria-controls={id}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        {label} ▾
      </button>
      {open ? (
        <div className="share-popover" id={id} role="dialog" aria-label={label} ref={panel} tabIndex={-1}>
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}
