// Deliberately insecure: the electronegativity gate scans this file on every run and must find
// each enforced check here, so a tool that silently scans nothing cannot pass the gate.
const { BrowserWindow } = require('electron');

function make() {
  const win = new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false },
  });
  win.loadURL('https://example.com');
  return win;
}

module.exports = { make };
