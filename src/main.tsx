import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerServiceWorker } from './share/registerSw.ts';
import { NotesWindow, isNotesWindow } from './views/Talk/NotesWindow.tsx';

// A speaker-notes window (talk mode) runs no sandbox: it shows what the presenting window sends.
createRoot(document.getElementById('root')!).render(
  <StrictMode>{isNotesWindow(location.hash) ? <NotesWindow /> : <App />}</StrictMode>
);

registerServiceWorker();
