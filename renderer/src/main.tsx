import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base styles first: each feature's stylesheet (imported by its components) refines them.
import './styles.css';
import { App } from './app/App';
import './i18n/i18n';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
