import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'
import './print.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

// The browser build caches itself so that it opens without a network, as the desktop app does
// (which has its files on disk: no worker under Electron, whether from file:// or a dev server).
if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !window.zt) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined)
}
