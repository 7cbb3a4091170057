/**
 * The renderer's shared types: a template filter, a template renderer and a reader of the
 * layout a template names.
 */

export type Filter = (...args: never[]) => unknown;

export type Renderer = (name: string, context: object) => string;

/** The layout a template names in its front matter (`layout: layouts/base.njk`), if any. */
export type LayoutReader = (name: string) => string | undefined;
