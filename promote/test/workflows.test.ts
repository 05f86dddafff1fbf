import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/cli.js';
import { repositoryRoot } from './support/repository.js';

interface Step {
  uses?: string;
  run?: string;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const names = ['release', 'promote', 'verify'] as const;
const read = (name: string) => readFileSync(path.join(repositoryRoot, '.github', 'workflows', `${name}.yml`), 'utf8');
const workflows = Object.fromEntries(names.map((name) => [name, parse(read(name)) as Workflow]));

/** Sample values for the shell variables the workflows pass to the tool. */
const samples: Record<string, string> = {
  '"$ENV_NAME"': 'dev',
  '"$RUN_URL"': 'https://github.com/o/r/actions/runs/1',
  '"$DIGEST"': `sha256:${'a'.repeat(64)}`,
  '"$REVISION"': 'b'.repeat(40),
  '"${REPORT:-$RUN_URL}"': 'https://github.com/o/r/actions/runs/1/artifacts/2',
  '"${SUMMARY:-$RUN_URL}"': 'https://github.com/o/r/actions/runs/1/artifacts/3',
  '"$([ "$OUTCOME" = success ] && echo success || echo failure)"': 'success',
};

describe.each(names)('.github/workflows/%s.yml', (name) => {
  const workflow = workflows[name] as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  // Pins, permissions and that npm scripts exist are checked for every workflow in
  // test/workflows.test.ts; here, that the tool accepts what the workflows ask of it.
  it('runs promote commands whose flags the tool accepts', () => {
    const promoteCommands = steps.flatMap((step) => (step.run ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('npm run promote -- ')));
    expect(promoteCommands.length).toBeGreaterThan(0);
    for (const command of promoteCommands) {
      if (command.includes('"${args[@]}"')) continue;
      let args = command.replace(/^npm run promote -- /, '');
      for (const [variable, value] of Object.entries(samples)) args = args.replaceAll(variable, value);
      expect(() => parseCommand(args.split(' ')), command).not.toThrow();
    }
  });
});

describe('the delivery path', () => {
  it('release signs what it pushed and hands the digest to the tool', () => {
    const text = read('release');
    expect(text).toContain('platforms: linux/amd64,linux/arm64');
    expect(text).toMatch(/sbom: true\n\s+provenance: mode=max/);
    expect(text).toContain('cosign sign --yes --recursive "${IMAGE}@${DIGEST}"');
    expect(text).toContain('npm run promote -- release --digest "$DIGEST" --revision "$REVISION" --push');
    expect(text).toContain('REVISION: ${{ github.sha }}');
    // Both jobs work from the merged commit; neither checks out main again after the build.
    expect(text).not.toMatch(/ref: main/);
    expect(text.match(/ref: \$\{\{ github\.sha \}\}/g)).toHaveLength(2);
    expect(workflows.release?.jobs.image?.permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
  });

  it('release and promote use the delivery App token when configured, GITHUB_TOKEN otherwise', () => {
    for (const name of ['release', 'promote'] as const) {
      const text = read(name);
      expect(text).toContain('uses: actions/create-github-app-token@1b10c78c7865c340bc4f6099eb2f838309f1e8c3 # v3.1.1');
      expect(text).toContain("if: vars.DELIVERY_APP_CLIENT_ID != ''");
      expect(text).toContain('client-id: ${{ vars.DELIVERY_APP_CLIENT_ID }}');
      expect(text).toContain('private-key: ${{ secrets.DELIVERY_APP_PRIVATE_KEY }}');
      // The checkout's credentials push the branch or the release commit: the same token.
      expect(text).toContain('token: ${{ steps.app-token.outputs.token || github.token }}');
    }
    expect(read('promote')).toContain('GITHUB_TOKEN: ${{ steps.app-token.outputs.token || github.token }}');
    expect(read('promote')).not.toContain('PROMOTE_TOKEN');
  });

  it('runs the promotion policy on every pull request and on every label change, with the full history and the live labels', () => {
    const policy = parse(read('promotion-policy')) as { on: { pull_request: { types: string[] } }; jobs: Record<string, Job & { steps: (Step & { with?: Record<string, unknown> })[] }> };
    // A rollback or lift-hold label added after the pull request opened must be judged again.
    expect(policy.on.pull_request.types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled']));
    const job = policy.jobs['promotion-policy'];
    expect(job?.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(job?.steps[0]?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(job?.steps.at(-1)?.run).toBe('npm run promote -- check');
    expect(() => parseCommand(['check'])).not.toThrow();
    // ci.yml does not run it again: a label change must not re-run every gate.
    expect(read('ci')).not.toContain('promote -- check');
  });

  it('promote runs prod in its own GitHub environment; verify waits for no reviewer and binds every gate to the release Argo CD deployed', () => {
    expect(workflows.promote?.jobs.open?.environment).toBe("${{ inputs.target || 'stage' }}");
    expect(read('promote')).toContain('options: [stage, prod]');
    expect(workflows.verify?.jobs.gates?.environment).toBeUndefined();
    const text = read('verify');
    // The release comes from the notification's synced revision and images, and every gate names it.
    expect(text).toContain('SYNCED: ${{ github.event.client_payload.revision || github.sha }}');
    expect(text).toContain('IMAGES: ${{ github.event.client_payload.images }}');
    expect(text).toContain('args=(deployed --env "$ENV_NAME" --synced "$SYNCED")');
    expect(text.match(/args=\(gate --env "\$ENV_NAME" .*"\$\{release\[@\]\}"\)$/gm)).toHaveLength(2);
    expect(text).not.toContain('--at');
    // The tests of the deployed revision, not main's.
    expect(text).toContain('git worktree add --detach "$TESTED" "$TESTS_REF"');
    for (const step of ['e2e (Playwright)', 'load (k6)']) expect((workflows.verify?.jobs.gates?.steps ?? []).find((s) => (s as { name?: string }).name === step)).toMatchObject({ 'working-directory': '${{ env.TESTED }}' });
  });

  it('promotion after a verification takes the verified release: the synced revision from verify\'s run title', () => {
    const title = /^run-name: (.*)$/m.exec(read('verify'))?.[1];
    expect(title).toBe('verify ${{ inputs.environment || github.event.client_payload.environment }} at ${{ github.event.client_payload.revision || github.sha }}');
    const script = (workflows.promote?.jobs.open?.steps ?? []).map((s) => s.run ?? '').find((run) => run.includes('VERIFIED_TITLE')) ?? '';
    const synced = 'a'.repeat(40);
    const run = (verifiedTitle: string) => spawnSync('bash', ['-c', script.replace(/npm run promote -- "\$\{args\[@\]\}"/, 'printf "%s\\n" "${args[@]}"')], { env: { PATH: process.env.PATH, TARGET: 'stage', VERIFIED_TITLE: verifiedTitle }, encoding: 'utf8' });
    const after = run(`verify dev at ${synced}`);
    expect(after.status).toBe(0);
    expect(after.stdout.trim().split('\n')).toEqual(['open', '--to', 'stage', '--at', synced]);
    expect(() => parseCommand(['open', '--to', 'stage', '--at', synced])).not.toThrow();
    expect(run('verify dev at main').status).toBe(1);
    expect(run('').stdout.trim().split('\n')).toEqual(['open', '--to', 'stage']);
  });
});
