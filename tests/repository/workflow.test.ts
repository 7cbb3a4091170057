/**
 * The scheduled workflow's rights (issue 16, "Deploy"): the job that runs npm code may push
 * but not publish, the job that publishes runs no npm code, no checkout keeps the token, and
 * every action is pinned by full commit SHA with its version in a comment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  needs?: string | string[];
  steps: Step[];
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const source = readFileSync(new URL('../../.github/workflows/site.yml', import.meta.url), 'utf8');
const workflow = parse(source) as Workflow;

test('every action is pinned by a full commit SHA, with its version in a comment', () => {
  const uses = source.split('\n').filter((line) => /^\s*(?:-\s*)?uses:/.test(line));
  assert.ok(uses.length >= 6, `${uses.length} actions`);
  for (const line of uses) assert.match(line, /uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$/, line);
});

test('the workflow gives no right by default; build may push, deploy may publish, and nothing else', () => {
  assert.deepEqual(workflow.permissions, { contents: 'read' });
  assert.deepEqual(Object.keys(workflow.jobs).sort(), ['build', 'deploy']);
  assert.deepEqual(workflow.jobs.build!.permissions, { contents: 'write' });
  assert.deepEqual(workflow.jobs.deploy!.permissions, { pages: 'write', 'id-token': 'write' });
  assert.equal(workflow.jobs.deploy!.needs, 'build');
});

test('the deploy job runs no npm code (no checkout, no run step), only the Pages actions', () => {
  const steps = workflow.jobs.deploy!.steps;
  assert.ok(steps.every((step) => step.run === undefined), 'no run step');
  assert.deepEqual(
    steps.map((step) => step.uses?.split('@')[0]),
    ['actions/configure-pages', 'actions/deploy-pages'],
  );
});

test('no checkout keeps the token in .git/config; only the push step is given it', () => {
  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
      assert.equal(step.with?.['persist-credentials'], false, `${name}: checkout`);
    }
  }
  const withToken = workflow.jobs.build!.steps.filter((step) => JSON.stringify(step).includes('github.token'));
  assert.equal(withToken.length, 1);
  assert.match(withToken[0]!.run ?? '', /git [^]*push origin/);
});
