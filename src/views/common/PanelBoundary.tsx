/**
 * Keeps a rendering error inside the panel that threw it. Without a boundary React unmounts the
 * whole tree and the page goes blank, losing what the user was looking at; with one the other
 * panels, the simulation in the worker and the scenario in the link carry on, and the failed panel
 * says what broke and offers to draw itself again (after the next step, say).
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  /** What the panel is, for the message: "The step log". */
  name: string;
  /** What still works, said under the error (default: the rest of the page does). */
  after?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for a bug report; the panel itself shows the one-line message.
    console.error(`${this.props.name} failed to draw:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="panel panel-failed" role="alert" data-testid="panel-failed">
        <p>
          <strong>{this.props.name} failed to draw:</strong> {error.message}
        </p>
        <p className="muted">{this.props.after ?? 'The simulation, the other panels and the link are unaffected.'}</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Draw it again
        </button>
      </section>
    );
  }
}
