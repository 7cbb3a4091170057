/**
 * What a build publishes. Drafts never reach `npm run build`; the dev server shows them with
 * a badge. A post dated in the future is scheduled: published by the first build on or after
 * its date (the clock is KHABAR_NOW when set).
 */
export interface PublishingRules {
  now: Date;
  includeDrafts: boolean;
}

export function isPublished(post: { date: Date; draft: boolean }, rules: PublishingRules): boolean {
  if (post.draft && !rules.includeDrafts) return false;
  return post.date.getTime() <= rules.now.getTime();
}

/** Drafts are shown only by the dev server (Eleventy's serve and watch modes). */
export function draftsVisible(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ELEVENTY_RUN_MODE === 'serve' || env.ELEVENTY_RUN_MODE === 'watch';
}
