/**
 * Registers the service worker (scripts/vite-precache.ts builds it) in production builds, so the
 * app and the scenario library work offline after the first visit. Relative URL: any base path.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = (): void => {
    navigator.serviceWorker.register('sw.js').catch((e: unknown) => {
      console.warn('service worker not registered:', e);
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
