import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './aws/config.js';
import { App } from './app/app.js';
import { ConfigErrorScreen } from './app/config-error-screen.js';
import './index.css';

const root = createRoot(document.getElementById('root')!);

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<ConfigErrorScreen error={error} />),
);
