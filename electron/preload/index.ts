import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('ppkg', {});
