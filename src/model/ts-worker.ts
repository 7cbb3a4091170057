/**
 * The URL to start a worker thread on a TypeScript module: a small entry that registers
 * tsx's loader first (a worker does not inherit the main thread's loader), then imports the
 * module. Undefined when tsx cannot be found: callers then do the work in their own thread.
 */
export function typeScriptWorkerUrl(entry: URL): URL | undefined {
  let api: string;
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
  const boot = `import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
