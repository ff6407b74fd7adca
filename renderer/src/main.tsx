import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { currentLanguage, initI18n } from './i18n';
import { installPpkgApi } from './ipc';

async function start(): Promise<void> {
  installPpkgApi();
  await initI18n();
  // Main starts its menu in the OS language; align it with the language the UI actually chose.
  void window.ppkg.app
    .setLanguage({ language: currentLanguage() })
    .catch((error: unknown) => console.error('The main process could not switch the menu language', error));
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
