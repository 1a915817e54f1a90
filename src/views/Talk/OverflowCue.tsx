/**
 * Says that a note does not fit its box even at its smallest type, and which keys scroll it
 * (every plain scroll key is a clicker's step key). Laid over the box's faded bottom edge, so
 * showing it does not change the room the note was fitted to.
 */
export function OverflowCue({ atEnd }: { atEnd: boolean }) {
  return (
    <p className="notes-more" data-testid="notes-more">
      {atEnd ? '▲ end of the notes · Shift+↑ scrolls back' : '▼ more below · Shift+↓ scrolls the notes'}
    </p>
  );
}
