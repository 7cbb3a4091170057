// The parts of Eleventy 3's API that Khabar uses. Eleventy ships JavaScript with JSDoc only,
// so these declarations keep `strict` type checking honest at the boundary.
declare module '@11ty/eleventy/UserConfig' {
  export default interface UserConfig {
    addPlugin<Options>(plugin: (eleventyConfig: UserConfig, options: Options) => unknown, options: Options): unknown;
    on(event: 'eleventy.before' | 'eleventy.after', callback: (...args: unknown[]) => unknown): void;
    setFrontMatterParsingOptions(options: object): void;
    setLibrary(name: string, library: unknown): void;
    addGlobalData(name: string, data: unknown): void;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    addCollection(name: string, callback: (api: never) => unknown): void;
    addTemplate(virtualPath: string, content: string, data?: object): void;
    addPassthroughCopy(mapping: string | Record<string, string>): void;
    addWatchTarget(path: string): void;
    /** `this.page.outputPath` is where the page is written (false: not written). */
    addTransform(name: string, transform: (this: { page: { outputPath?: string | false } }, content: string) => string | Promise<string>): void;
    /** Globs (relative to the project root) Eleventy never reads as templates. */
    ignores: Set<string>;
    setServerOptions(options: object): void;
    setQuietMode(quiet: boolean): void;
  }
}

declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; runMode?: string });
    write(): Promise<unknown>;
    init(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
  }
}
