import { useId } from 'react';
import type { ReactNode } from 'react';

export interface ActionButtonProps {
  children: ReactNode;
  /** Why the action cannot run now; the button is disabled and the reason is shown. */
  blocker?: string | null;
  busy?: boolean;
  onClick: () => void;
  testId?: string;
  variant?: 'primary' | 'plain' | 'danger';
  title?: string;
}

/**
 * A button that stays focusable when disabled (aria-disabled) so keyboard users can reach it and
 * read why it is disabled: the reason is rendered next to it and linked with aria-describedby.
 */
export function ActionButton({
  children,
  blocker = null,
  busy = false,
  onClick,
  testId,
  variant = 'plain',
  title,
}: ActionButtonProps) {
  const reasonId = useId();
  const disabled = blocker !== null || busy;
  return (
    <span className="action">
      <button
        type="button"
        className={`btn btn-${variant}`}
        aria-disabled={disabled}
        aria-describedby={blocker ? reasonId : undefined}
        data-testid={testId}
        title={title}
        onClick={() => {
          if (!disabled) onClick();
        }}
      >
        {children}
      </button>
      {blocker ? (
        <span id={reasonId} className="reason">
          {blocker}
        </span>
      ) : null}
    </span>
  );
}
