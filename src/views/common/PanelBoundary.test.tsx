import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PanelBoundary } from './PanelBoundary.tsx';

// Server rendering never calls error boundaries, so the boundary's two halves are checked directly:
// React's contract is that getDerivedStateFromError's state is rendered in place of the children.
describe('PanelBoundary', () => {
  it('renders its children while nothing has thrown', () => {
    const b = new PanelBoundary({ name: 'The step log', children: <p>rows</p> });
    expect(renderToStaticMarkup(<>{b.render()}</>)).toBe('<p>rows</p>');
  });

  it('after a throw, names the panel and the error instead of blanking, and offers to draw again', () => {
    const b = new PanelBoundary({ name: 'The step log', children: <p>rows</p> });
    b.state = PanelBoundary.getDerivedStateFromError(new TypeError('t._send is not a function'));
    const html = renderToStaticMarkup(<>{b.render()}</>);
    expect(html).toContain('role="alert"');
    expect(html).toContain('<strong>The step log failed to draw:</strong> t._send is not a function');
    expect(html).toContain('Draw it again');
    expect(html).not.toContain('rows');
    expect(PanelBoundary.getDerivedStateFromError('plain').error?.message).toBe('plain');
  });
});
