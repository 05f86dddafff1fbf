import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentPath, withImageDigest, type EnvironmentName } from '@storefront/environments';
import { regenerateEnvironment } from '@storefront/manifests/regenerate';
import { GitHubDouble } from './support/github-double.js';
import { digest, Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'PolicyCheckTokenValue0123456789abcdefgh'].join('_');
const placeholder = 'sha256:8845f9dbfe85c156d6affe82eb644222c21b3270088dc247bcf3aa2116654417';
const D1 = digest('1');
const D2 = digest('2');

describe('the promotion policy check refuses pull requests that break a rule, one line each, and passes the ones the tool makes', () => {
  const fixture = new Fixture();
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (branch) => fixture.remoteBranch(branch) !== undefined);
  const merge = (branch: string) => {
    fixture.merge(branch);
    github.markMerged(branch);
  };
  let r1 = '';
  let r2 = '';

  /** A pull request branch made by hand: `edit` changes the clone, the result is pushed. Returns [base, head]. */
  const handMade = (name: string, edit: (root: string) => void): [string, string] => {
    fixture.sync();
    const base = fixture.mainHead();
    fixture.git('checkout', '--quiet', '-B', name, 'origin/main');
    edit(fixture.clone);
    fixture.git('add', '-A');
    fixture.git('commit', '--quiet', '-m', name);
    fixture.git('push', '--quiet', '--force', 'origin', name);
    const head = fixture.git('rev-parse', 'HEAD').trim();
    fixture.git('checkout', '--quiet', 'main');
    return [base, head];
  };
  const setRelease = (root: string, env: EnvironmentName, to: string, revision: string | undefined) => {
    const file = path.join(root, environmentPath(env));
    const release = withImageDigest(environmentPath(env), readFileSync(file, 'utf8'), to, revision);
    writeFileSync(file, release.text);
    regenerateEnvironment(root, { environment: release.environment, text: release.text });
  };
  const check = async (base: string, head: string, labels: string[]) => fixture.promote('check', '--base-sha', base, '--head-sha', head, '--labels', labels.join(','));
  /** A branch the tool pushed, checked with the labels it gave its pull request. */
  const checkToolBranch = async (branch: string) => {
    fixture.sync();
    fixture.git('fetch', '--quiet', 'origin');
    const pr = github.pulls.find((p) => p.head === branch && p.state === 'open');
    return check(fixture.mainHead(), fixture.git('rev-parse', `origin/${branch}`).trim(), pr?.labels ?? []);
  };
  const refusals = (out: string) => out.split('\n').filter((line) => line.startsWith('refused: '));

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url, GITHUB_ACTOR: 'rel-manager' };
    r1 = fixture.appCommit('feat: wishlists');
    expect((await fixture.promote('release', '--digest', D1, '--revision', r1, '--push')).code).toBe(0);
    r2 = fixture.appCommit('feat: gift cards');
    expect((await fixture.promote('release', '--digest', D2, '--revision', r2, '--push')).code).toBe(0);
    // stage has run D1 (a merged promotion).
    const [, head] = handMade('promote/stage-111111111111', (root) => {
      setRelease(root, 'stage', D1, r1);
    });
    merge('promote/stage-111111111111');
    expect(head).toMatch(/^[0-9a-f]{40}$/);
  });
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  it('passes the pull request `open --to prod` makes (the release stage runs)', async () => {
    expect((await fixture.promote('open', '--to', 'prod', '--force', '--reason', 'no gates in this test')).code).toBe(0);
    const result = await checkToolBranch('promote/prod-111111111111');
    console.log(result.out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^promotion policy: passed \(3 changed files, environments prod; labels: promotion, env:prod, gates-forced\)$/m);
  });

  it('passes an ordinary code pull request that touches no environment', async () => {
    const [base, head] = handMade('feat/reviews', (root) => {
      writeFileSync(path.join(root, 'CHANGES.md'), 'feat: reviews\n');
    });
    const result = await check(base, head, []);
    expect(result.code).toBe(0);
    expect(result.out).toBe('promotion policy: passed (1 changed file, no environment files; labels: none)');
  });

  it('one environment: refuses a promotion that also changes other files', async () => {
    const [base, head] = handMade('promote/prod-mixed', (root) => {
      setRelease(root, 'prod', D1, r1);
      writeFileSync(path.join(root, 'CHANGES.md'), 'sneaked in\n');
    });
    const result = await check(base, head, ['promotion']);
    expect(result.code).toBe(3);
    expect(refusals(result.out)).toEqual(["refused: one environment: a pull request that changes environments/prod.yaml or its hold changes only prod's files (environments/prod.yaml, environments/prod.hold.yaml, manifests/prod/); it also changes CHANGES.md: split it"]);
  });

  it('stage first: refuses prod on a release stage never ran, and a digest recorded with another source revision', async () => {
    const [base, head] = handMade('promote/prod-222222222222-by-hand', (root) => {
      setRelease(root, 'prod', D2, r2);
    });
    const result = await check(base, head, ['promotion']);
    expect(result.code).toBe(3);
    expect(refusals(result.out)).toEqual([`refused: stage first: prod only takes a release that has run in stage; ${D2} was never in environments/stage.yaml on ${base.slice(0, 12)}`]);
    const [base2, head2] = handMade('promote/prod-wrong-revision', (root) => {
      setRelease(root, 'prod', D1, r2);
    });
    const mixed = await check(base2, head2, ['promotion']);
    expect(refusals(mixed.out)).toEqual([`refused: stage first: prod records 111111111111 as built from ${r2}, but stage ran it as built from ${r1}; a release is the digest and its source revision together`]);
  });

  it('generated files: refuses a hand edit of manifests/<env>', async () => {
    const [base, head] = handMade('hand-edit', (root) => {
      const file = path.join(root, 'manifests', 'prod', 'deployment-storefront.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/replicas: \d+|image: \S+/, (m) => `${m} # tuned by hand`));
    });
    const result = await check(base, head, []);
    expect(result.code).toBe(3);
    expect(refusals(result.out)).toEqual(['refused: generated files: manifests/prod differs from what npm run synth produces for prod (manifests/prod/deployment-storefront.yaml); never edit it by hand: change environments/prod.yaml or manifests/src and run npm run synth']);
  });

  it('release: refuses a pull request that moves dev forward (the release workflow does that)', async () => {
    const [base, head] = handMade('dev-forward', (root) => {
      setRelease(root, 'dev', digest('3'), r2);
    });
    const result = await check(base, head, []);
    expect(refusals(result.out)).toEqual(['refused: release: dev moves forward only through the release workflow (npm run promote -- release); a pull request may move dev only back, as a rollback']);
  });

  it('rollback: refuses an older release without the rollback label and a hold, passes the pull request `rollback` makes', async () => {
    const [base, head] = handMade('stage-back-silently', (root) => {
      setRelease(root, 'stage', placeholder, undefined);
    });
    const silent = await check(base, head, ['promotion']);
    expect(silent.code).toBe(3);
    expect(refusals(silent.out)).toEqual(['refused: rollback: stage goes back from 111111111111 to the older 8845f9dbfe85; an older release lands only as a pull request labelled rollback that writes environments/stage.hold.yaml pinned to it (npm run promote -- rollback --env stage --reason "...")']);
    expect(refusals((await check(base, head, ['rollback'])).out)).toHaveLength(1);

    expect((await fixture.promote('rollback', '--env', 'stage', '--reason', 'stage checkout broken')).code).toBe(0);
    const result = await checkToolBranch('rollback/stage-8845f9dbfe85');
    expect(result.code).toBe(0);
    expect(result.out).toContain('labels: rollback, env:stage)');
  });

  it('reads the labels from GitHub when it runs on a pull_request event (the tool labels just after opening)', async () => {
    const pr = github.pulls.find((p) => p.head === 'rollback/stage-8845f9dbfe85');
    const eventPath = path.join(fixture.root, 'event.json');
    fixture.git('fetch', '--quiet', 'origin');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: pr?.number, base: { sha: fixture.mainHead() }, head: { sha: fixture.git('rev-parse', 'origin/rollback/stage-8845f9dbfe85').trim() }, labels: [] } }));
    const before = fixture.env;
    fixture.env = { ...before, GITHUB_EVENT_PATH: eventPath };
    try {
      const result = await fixture.promote('check');
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(github.requests.at(-1)?.operationId).toBe('issues/list-labels-on-issue');
    } finally {
      fixture.env = before;
      rmSync(eventPath);
    }
  });

  it('hold: refuses moving or un-holding a held environment outside a lift-hold pull request, and a lift onto the rolled-back release without hold-forced', async () => {
    merge('rollback/stage-8845f9dbfe85');
    const [base, head] = handMade('stage-unhold-by-hand', (root) => {
      rmSync(path.join(root, 'environments', 'stage.hold.yaml'));
      setRelease(root, 'stage', D2, r2);
    });
    const result = await check(base, head, ['promotion']);
    expect(result.code).toBe(3);
    expect(refusals(result.out)).toEqual([expect.stringMatching(/^refused: hold: stage is on hold \(set by rel-manager at [^)]+: stage checkout broken\); it moves or changes only in a hold-lifting pull request labelled lift-hold that deletes environments\/stage\.hold\.yaml/)]);
    expect((await check(base, head, ['promotion', 'lift-hold'])).code).toBe(0);

    const [base2, head2] = handMade('stage-unhold-onto-the-bad-one', (root) => {
      rmSync(path.join(root, 'environments', 'stage.hold.yaml'));
      setRelease(root, 'stage', D1, r1);
    });
    expect(refusals((await check(base2, head2, ['promotion', 'lift-hold'])).out)).toEqual(['refused: hold: this lifts stage\'s hold onto 111111111111, the very release it was rolled back from; that needs --force with a reason (label hold-forced)']);
    expect((await check(base2, head2, ['promotion', 'lift-hold', 'hold-forced'])).code).toBe(0);
  });

  it('migrations: refuses unmarked destructive DDL, accepts it marked as a contract step, and accepts additive migrations', async () => {
    const migration = (name: string, sql: string) =>
      handMade(`migration-${name}`, (root) => {
        writeFileSync(path.join(root, 'app', 'migrations', `${name}.sql`), sql);
      });
    fixture.sync();
    const [base, head] = migration('009_drop_legacy', 'ALTER TABLE products DROP COLUMN legacy_price;\n');
    expect(refusals((await check(base, head, [])).out)).toEqual(['refused: migrations: app/migrations/009_drop_legacy.sql: destructive DDL (DROP COLUMN: ALTER TABLE products DROP COLUMN legacy_price) without a contract marker: add a line "-- migrate:contract <why older releases cannot run on this schema>" or make it additive']);
    const [base2, head2] = migration('009_drop_legacy_marked', '-- migrate:contract releases before 008 read legacy_price\nALTER TABLE products DROP COLUMN legacy_price;\n');
    expect((await check(base2, head2, [])).code).toBe(0);
    const [base3, head3] = migration('004_wishlists', 'CREATE TABLE wishlists (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, cart_id uuid NOT NULL);\nALTER TABLE products ADD COLUMN weight_grams integer;\n');
    expect((await check(base3, head3, [])).code).toBe(0);
  });

  it('every request matched GitHub\'s REST description', () => {
    expect(github.violations).toEqual([]);
  });
});
