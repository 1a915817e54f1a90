/**
 * Laser pointer (talk mode, L): a bright dot with a short fading trail that follows the pointer;
 * the system cursor is hidden meanwhile. Moved with transforms in a rAF, never a React render.
 */
import { useEffect, useRef } from 'react';

const TRAIL = 10;

export function LaserPointer() {
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = layer.current;
    if (!root) return;
    const dots = [...root.querySelectorAll<HTMLElement>('.laser-dot')];
    const pts: { x: number; y: number }[] = [];
    let raf = 0;
    const paint = (): void => {
      raf = 0;
      dots.forEach((d, i) => {
        const p = pts[pts.length - 1 - i];
        if (!p) {
          d.style.opacity = '0';
          return;
        }
        d.style.opacity = String(1 - i / TRAIL);
        d.style.transform = `translate(${p.x}px, ${p.y}px) scale(${1 - i / (TRAIL * 1.6)})`;
      });
    };
    const onMove = (e: PointerEvent): void => {
      pts.push({ x: e.clientX, y: e.clientY });
      if (pts.length > TRAIL) pts.shift();
      raf ||= requestAnimationFrame(paint);
    };
    window.addEventListener('pointermove', onMove);
    document.documentElement.classList.add('laser-on');
    return () => {
      window.removeEventListener('pointermove', onMove);
      if (raf) cancelAnimationFrame(raf);
      document.documentElement.classList.remove('laser-on');
    };
  }, []);
  return (
    <div className="laser-layer" ref={layer} aria-hidden="true" data-testid="laser">
      {Array.from({ length: TRAIL }, (_, i) => (
        <span key={i} className={`laser-dot${i === 0 ? ' laser-head' : ''}`} />
      ))}
    </div>
  );
}
