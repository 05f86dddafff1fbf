import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubDouble } from './support/github-double.js';
import { digest, Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'ScenarioTokenValue0123456789abcdefghijk'].join('_');
const placeholder = 'sha256:8845f9dbfe85c156d6affe82eb644222c21b3270088dc247bcf3aa2116654417';
const [DA, DB, DC, DD, DE, DF] = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => digest(c)) as [string, string, string, string, string, string];

/**
 * The whole loop on a bare remote and the GitHub double: merge, release, deploy, gates, stage,
 * prod, rollback with a hold, lift; and what goes wrong in real life: builds that finish out of
 * order, a late gate result, a stale promotion pull request, a rollback across a contract step.
 */
describe('one release from merge to prod and back, with every rule in the way', () => {
  const fixture = new Fixture();
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (branch) => fixture.remoteBranch(branch) !== undefined);
  const revisions: Record<string, string> = {};
  const promote = (...argv: string[]) => fixture.promote(...argv);
  /** A merge to main that adds app code and, optionally, a migration. */
  const mergeFeature = (subject: string, migration?: { file: string; sql: string }) => {
    fixture.sync();
    if (migration) {
      mkdirSync(path.join(fixture.clone, 'app', 'migrations'), { recursive: true });
      writeFileSync(path.join(fixture.clone, 'app', 'migrations', migration.file), migration.sql);
      fixture.git('add', 'app/migrations');
    }
    return fixture.appCommit(subject);
  };
  /** GitHub's merge button: the branch into main, the pull request closed; the policy check must pass first. */
  const mergePullRequest = async (branch: string) => {
    fixture.sync();
    fixture.git('fetch', '--quiet', 'origin');
    const pr = github.pulls.find((p) => p.head === branch && p.state === 'open');
    const check = await promote('check', '--base-sha', fixture.mainHead(), '--head-sha', fixture.git('rev-parse', `origin/${branch}`).trim(), '--labels', (pr?.labels ?? []).join(','));
    expect(check.out, `policy check of ${branch}`).toContain('promotion policy: passed');
    fixture.merge(branch);
    github.markMerged(branch);
  };
  /**
   * verify.yml after a deploy notification for `synced` (the main commit Argo CD synced): the
   * release it declares, then every gate of env for exactly that release.
   */
  const verify = async (env: string, synced: string, state = 'success') => {
    const deployed = await promote('deployed', '--env', env, '--synced', synced);
    expect(deployed.err).toBe('');
    const outputs = Object.fromEntries(deployed.out.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    const kinds = env === 'dev' ? ['e2e', 'load'] : ['e2e', 'load', 'slo'];
    for (const kind of kinds) expect((await promote('gate', '--env', env, '--kind', kind, '--state', state, '--digest', outputs.digest ?? '', '--revision', outputs.revision ?? '', '--url', `https://qa.example.com/${env}/${kind}`)).code).toBe(0);
  };
  const dev = () => parse(fixture.remoteFile('main', 'environments/dev.yaml')) as { image: { digest: string; revision?: string } };

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url, GITHUB_ACTOR: 'rel-manager' };
  });
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  it('merge → release: dev records the image and the exact commit it was built from', async () => {
    revisions.A = mergeFeature('feat: wishlists', { file: '004_wishlists.sql', sql: 'CREATE TABLE wishlists (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, cart_id uuid NOT NULL);\n' });
    mergeFeature('docs: wishlists in the README'); // main moves on before the release job runs
    const result = await promote('release', '--digest', DA, '--revision', revisions.A, '--push');
    expect(result.err).toBe('');
    expect(dev().image).toEqual({ repository: 'ghcr.io/bitshop-dev/storefront', digest: DA, revision: revisions.A });
    expect(fixture.remoteGit('log', '-1', '--format=%B', 'main')).toContain(`Source-Revision: ${revisions.A}`);
    expect((await promote('status')).out).toContain(`  dev    aaaaaaaaaaaa  built from ${revisions.A.slice(0, 12)}  since`);
  });

  it('two releases in quick succession: the build that finishes last but was merged first does not win', async () => {
    revisions.B = mergeFeature('feat: gift cards');
    revisions.C = mergeFeature('feat: product weights', { file: '005_product_weights.sql', sql: 'ALTER TABLE products ADD COLUMN weight_grams integer;\n' });
    expect((await promote('release', '--digest', DC, '--revision', revisions.C, '--push')).code).toBe(0);
    const late = await promote('release', '--digest', DB, '--revision', revisions.B, '--push');
    expect(late.code).toBe(3);
    expect(late.err).toContain(`dev already runs a newer release (source ${revisions.C.slice(0, 12)})`);
    expect(dev().image.digest).toBe(DC);
  });

  it('deploy event → gates for that release; a result for a release since replaced is refused, and promotion takes the verified release', async () => {
    const deployedC = fixture.mainHead();
    await verify('dev', deployedC);
    revisions.D = mergeFeature('fix: wishlist sharing');
    expect((await promote('release', '--digest', DD, '--revision', revisions.D, '--push')).code).toBe(0);
    // A second verification of C reports after D was released: refused, not credited to D.
    const late = await promote('gate', '--env', 'dev', '--kind', 'load', '--state', 'failure', '--digest', DC, '--revision', revisions.C ?? '');
    console.log(`late gate result: exit ${late.code}: ${late.err}`);
    expect(late.code).toBe(3);
    expect(late.err).toBe(`promote: refused: dev no longer runs cccccccccccc (source ${revisions.C?.slice(0, 12) ?? ''}): it runs dddddddddddd (source ${revisions.D.slice(0, 12)}) since ${fixture.mainHead().slice(0, 12)}; a result for a replaced release is not recorded`);
    // The deploy notification for D's sync cannot be taken for C's, nor for an image Argo CD does not run.
    const wrongImage = await promote('deployed', '--env', 'dev', '--synced', fixture.mainHead(), '--images', `ghcr.io/bitshop-dev/storefront@${DC}`);
    expect(wrongImage.code).toBe(3);
    expect(wrongImage.err).toContain('but Argo CD reports ghcr.io/bitshop-dev/storefront@sha256:cccc');
    expect((await promote('deployed', '--env', 'dev', '--synced', deployedC)).err).toContain('dev no longer runs cccccccccccc');
    // What promote.yml does after C's verification passed: the release dev declared at C's synced commit, not dev's current D.
    const plan = await promote('plan', '--to', 'stage', '--at', deployedC);
    expect(plan.out).toContain(`would run:   ${DC}`);
    expect(plan.out).toMatch(/e2e\/dev\s+passed/);
    expect((await promote('plan', '--to', 'stage')).out).toMatch(/e2e\/dev\s+MISSING/);
  });

  it('plan to stage spans two releases: source revisions, exactly the commits between them, and the migrations', async () => {
    // stage first takes A (forced: A's gates were never run in this story).
    expect((await promote('open', '--to', 'stage', '--digest', DA, '--force', '--reason', 'first release on stage')).code).toBe(0);
    await mergePullRequest('promote/stage-aaaaaaaaaaaa');
    const plan = await promote('plan', '--to', 'stage', '--digest', DC);
    // The plan up to its manifest diff, for the record.
    console.log(plan.out.slice(0, plan.out.indexOf('\n', plan.out.indexOf('  manifests:'))));
    expect(plan.out).toContain(`  built from:  ${revisions.A}`);
    expect(plan.out).toContain(`  built from:  ${revisions.C}`);
    const between = fixture.git('log', '--first-parent', '--format=%h %s', `${revisions.A}..${revisions.C}`).trim().split('\n');
    expect(plan.out).toContain(`  commits:     ${between.length}`);
    for (const line of between) expect(plan.out).toContain(`    ${line}`);
    expect(plan.out).not.toContain('feat: wishlists\n'); // A's own commit is in both releases
    expect(plan.out).toContain('  migrations:  1\n    app/migrations/005_product_weights.sql');
  });

  it('promote to stage, then to prod: each pull request passes the policy check and names revisions and migrations', async () => {
    expect((await promote('open', '--to', 'stage', '--digest', DC)).code).toBe(0);
    const stagePr = github.pulls.find((p) => p.head === 'promote/stage-cccccccccccc');
    expect(stagePr?.body).toContain(`| after this pull request | \`${DC}\` | [\`${revisions.C?.slice(0, 12) ?? ''}\`]`);
    expect(stagePr?.body).toContain('### Migrations (1)');
    await mergePullRequest('promote/stage-cccccccccccc');
    await verify('stage', fixture.mainHead());
    expect((await promote('open', '--to', 'prod')).code).toBe(0);
    const prodPr = github.pulls.find((p) => p.head === 'promote/prod-cccccccccccc');
    expect(prodPr?.body).toContain('### Migrations (2)');
    expect(prodPr?.body).toContain('`app/migrations/004_wishlists.sql`');
    await mergePullRequest('promote/prod-cccccccccccc');
    expect((parse(fixture.remoteFile('main', 'environments/prod.yaml')) as { image: unknown }).image).toMatchObject({ digest: DC, revision: revisions.C });
  });

  it('rollback with hold lists the migrations the older release must run on, and records the release it replaced', async () => {
    const result = await promote('rollback', '--env', 'prod', '--reason', 'wishlist pages time out');
    expect(result.code).toBe(0);
    const pr = github.pulls.find((p) => p.head === 'rollback/prod-8845f9dbfe85');
    expect(pr?.body).toContain('### Migrations (2, the older release runs on them)');
    await mergePullRequest('rollback/prod-8845f9dbfe85');
    const hold = parse(fixture.remoteFile('main', 'environments/prod.hold.yaml')) as { digest: string; rolledBackFrom: unknown };
    expect(hold).toMatchObject({ digest: placeholder, rolledBackFrom: { digest: DC, revision: revisions.C } });
    expect((await promote('status')).out).toContain('HOLD: prod is on hold');
  });

  it('lift: onto the rolled-back release only with --force and a reason, in a pull request the policy check passes', async () => {
    const refused = await promote('open', '--to', 'prod', '--lift-hold', '--reason', 'timeouts were the database');
    expect(refused.code).toBe(3);
    expect(refused.err).toContain(`prod was rolled back from ${DC}`);
    expect((await promote('open', '--to', 'prod', '--lift-hold', '--force', '--reason', 'timeouts were the database, fixed there')).code).toBe(0);
    await mergePullRequest('promote/prod-cccccccccccc');
    expect(fixture.remoteGit('ls-tree', '--name-only', 'main:environments')).not.toContain('prod.hold.yaml');
  });

  it('a stale promotion pull request is closed with a comment pointing at the newer one', async () => {
    const deployedD = fixture.mainHead();
    await verify('dev', deployedD);
    expect((await promote('open', '--to', 'stage')).code).toBe(0);
    const older = github.pulls.find((p) => p.head === 'promote/stage-dddddddddddd');
    revisions.E = mergeFeature('feat: compare wishlists');
    expect((await promote('release', '--digest', DE, '--revision', revisions.E, '--push')).code).toBe(0);
    await verify('dev', fixture.mainHead());
    const result = await promote('open', '--to', 'stage');
    expect(result.code).toBe(0);
    const newer = github.pulls.find((p) => p.head === 'promote/stage-eeeeeeeeeeee');
    expect(result.out).toContain(`closed pull request #${older?.number ?? 0}: superseded by #${newer?.number ?? 0}`);
    expect(older?.state).toBe('closed');
    expect(older?.comments).toEqual([`Superseded by #${newer?.number ?? 0} (https://github.com/bitshop-dev/storefront/pull/${newer?.number ?? 0}), which changes the same environment; closing this one so only the newest promotion can be merged.`]);
    expect(github.pulls.filter((p) => p.state === 'open' && p.head.startsWith('promote/stage-'))).toHaveLength(1);
    // A rollback replaces an open promotion of the same environment; a promotion never replaces an open rollback.
    expect((await promote('rollback', '--env', 'stage', '--reason', 'try the rollback first')).code).toBe(0);
    expect(newer?.state).toBe('closed');
    const rollback = github.pulls.find((p) => p.head === 'rollback/stage-aaaaaaaaaaaa' && p.state === 'open');
    expect(rollback).toBeDefined();
    expect((await promote('open', '--to', 'stage')).code).toBe(0);
    expect(rollback?.state).toBe('open');
    if (rollback) rollback.state = 'closed'; // decided against it: closed on GitHub
    await mergePullRequest('promote/stage-eeeeeeeeeeee');
  });

  it('a rollback across a contract migration is refused without --force, and says which migration', async () => {
    revisions.F = mergeFeature('refactor: drop the legacy price column', { file: '006_drop_legacy_price.sql', sql: '-- migrate:contract releases before 2026-11 read products.legacy_price\nALTER TABLE products DROP COLUMN legacy_price;\n' });
    expect((await promote('release', '--digest', DF, '--revision', revisions.F, '--push')).code).toBe(0);
    await verify('dev', fixture.mainHead());
    expect((await promote('open', '--to', 'stage')).code).toBe(0);
    await mergePullRequest('promote/stage-ffffffffffff');
    const refused = await promote('rollback', '--env', 'stage', '--reason', 'checkout slow');
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('crosses contract migration app/migrations/006_drop_legacy_price.sql (releases before 2026-11 read products.legacy_price)');
    const forced = await promote('rollback', '--env', 'stage', '--force', '--reason', 'E never reads legacy_price: checked');
    expect(forced.code).toBe(0);
    const pr = github.pulls.find((p) => p.head === 'rollback/stage-eeeeeeeeeeee');
    expect(pr?.labels).toEqual(['rollback', 'env:stage', 'contract-forced']);
    expect(pr?.body).toContain('**Goes back across contract migrations with --force** by rel-manager: E never reads legacy_price: checked');
    expect(pr?.body).toContain('`app/migrations/006_drop_legacy_price.sql` **contract step**: releases before 2026-11 read products.legacy_price');
  });

  it('every request matched GitHub\'s REST description', () => {
    expect(github.violations).toEqual([]);
  });
});
