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
const scripts = Object.keys((JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
/** Built by other parts of the repository under exactly these names. */
const siblingScripts = ['e2e', 'load'];

/** Sample values for the shell variables the workflows pass to the tool. */
const samples: Record<string, string> = {
  '"$ENV_NAME"': 'dev',
  '"$RUN_URL"': 'https://github.com/o/r/actions/runs/1',
  '"$DIGEST"': `sha256:${'a'.repeat(64)}`,
  '"$REVISION"': 'b'.repeat(40),
  '"$VERIFIED_AT"': 'c'.repeat(40),
  '"${REPORT:-$RUN_URL}"': 'https://github.com/o/r/actions/runs/1/artifacts/2',
  '"${SUMMARY:-$RUN_URL}"': 'https://github.com/o/r/actions/runs/1/artifacts/3',
  '"$([ "$OUTCOME" = success ] && echo success || echo failure)"': 'success',
};

describe.each(names)('.github/workflows/%s.yml', (name) => {
  const workflow = workflows[name] as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('pins every action to a full commit SHA with its version in a comment', () => {
    const lines = read(name).split('\n').filter((line) => /^\s*(?:- )?uses:/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('reads only by default and widens permissions per job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeDefined();
  });

  it('runs npm scripts that exist, and promote commands whose flags the tool accepts', () => {
    for (const step of steps) {
      for (const command of (step.run ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('npm '))) {
        if (command.startsWith('npm ci')) continue;
        const script = /^npm run (\S+)/.exec(command)?.[1] ?? '';
        expect([...scripts, ...siblingScripts], command).toContain(script);
        if (script !== 'promote' || command.includes('"${args[@]}"')) continue;
        let args = command.replace(/^npm run promote -- /, '');
        for (const [variable, value] of Object.entries(samples)) args = args.replaceAll(variable, value);
        expect(() => parseCommand(args.split(' ')), command).not.toThrow();
      }
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

  it('ci runs the promotion policy on every pull request with the full history and the live labels', () => {
    const ci = parse(read('ci')) as { jobs: Record<string, Job & { if?: string; steps: (Step & { with?: Record<string, unknown> })[] }> };
    const job = ci.jobs['promotion-policy'];
    expect(job?.if).toBe("github.event_name == 'pull_request'");
    expect(job?.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(job?.steps[0]?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(job?.steps.at(-1)?.run).toBe('npm run promote -- check');
    expect(() => parseCommand(['check'])).not.toThrow();
    // Added last, after every other job: the job order of ci.yml belongs to its other jobs.
    expect(Object.keys(ci.jobs).at(-1)).toBe('promotion-policy');
  });

  it('promote runs prod in its own GitHub environment and verify records both gates', () => {
    expect(workflows.promote?.jobs.open?.environment).toBe("${{ inputs.target || 'stage' }}");
    expect(read('promote')).toContain('options: [stage, prod]');
    expect(read('verify')).toContain('--kind e2e --state');
    expect(read('verify')).toContain('--kind load --state');
    // Every gate names the commit the run verified, so late results land on that release.
    expect(read('verify').match(/npm run promote -- gate .*--at "\$VERIFIED_AT"$/gm)).toHaveLength(4);
    expect(read('verify')).toContain('VERIFIED_AT: ${{ github.sha }}');
  });
});
