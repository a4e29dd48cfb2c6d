// The preload: exposes `window.zt` and nothing else from Electron or Node.
import { contextBridge, ipcRenderer } from 'electron'
import { makePreloadApi } from './api'

contextBridge.exposeInMainWorld('zt', makePreloadApi((channel, arg) => ipcRenderer.invoke(channel, arg)))
