import { useRoot } from '../../hooks/index.ts';
import { useSandbox } from '../../hooks/index.ts';
import { clearNotice, selectNotice, useUiStore } from '../../store/index.ts';
import { useFocusReturn } from '../common/focusReturn.ts';

/** Errors (a scenario that failed to load, a refused request) and short confirmations. */
export function NoticeBanner() {
  const { root } = useSandbox();
  const notice = useUiStore(selectNotice);
  const machineError = useRoot((s) => s.context.error);
  const { onFocus, returnFocus } = useFocusReturn();
  const text = notice?.text ?? machineError;
  if (!text) return null;
  const isError = notice ? notice.kind === 'error' : true;
  return (
    <div
      className={`notice ${isError ? 'notice-error' : 'notice-info'}`}
      role={isError ? 'alert' : 'status'}
      data-testid="notice"
      onFocus={onFocus}
    >
      <span>{text}</span>
      <button
        type="button"
        className="btn btn-plain btn-small"
        onClick={(e) => {
          returnFocus(e);
          clearNotice();
          root.send({ type: 'error.dismiss' });
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
