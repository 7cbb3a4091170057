/**
 * Debian's Chromium (installed by .ci/run, never downloaded), headless, with the flags this
 * machine's closed network needs; used by the browser tests and `npm run lighthouse`.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
