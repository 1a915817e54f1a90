/** The keys of hooks/usePlaybackKeys.ts, all of them (Space is not one: it presses buttons). */
export function KeysHint() {
  return (
    <p className="keys-hint" data-testid="keys-hint">
      Keys: → PageDown . step, ← PageUp , back, Home / End, P play
    </p>
  );
}
