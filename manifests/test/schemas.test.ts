import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../src/repository.js';
import { environments, objectsOf, readYamlDocuments, rendered, yamlFilesUnder } from './support/objects.js';
import { validateObject } from './support/validate.js';

describe('every generated object validates against the Kubernetes and CRD schemas', () => {
  describe.each(environments.map((env) => [env.name, env] as const))('%s', (_name, env) => {
    it.each(objectsOf(env).map((object) => [`${object.kind} ${object.metadata.name}`, object] as const))('%s', (_label, object) => {
      expect(validateObject(object)).toEqual([]);
    });
  });

  it.each(rendered.argocd.map((object) => [`${object.kind} ${object.metadata.name}`, object] as const))('argocd: %s', (_label, object) => {
    expect(validateObject(object)).toEqual([]);
  });
});

describe('every file in argocd/ validates against the Argo CD schemas', () => {
  const files = yamlFilesUnder(path.join(repositoryRoot, 'argocd'));
  it('finds the generated and the hand-written definitions', () => {
    expect(files.length).toBeGreaterThanOrEqual(rendered.argocd.length + 5);
  });
  it.each(files.map((file) => [path.relative(repositoryRoot, file), file] as const))('%s', (_label, file) => {
    const documents = readYamlDocuments(file);
    expect(documents).toHaveLength(1);
    for (const document of documents) expect(validateObject(document)).toEqual([]);
  });
});

describe('the validator itself', () => {
  const deployment = rendered.objects.get('dev')?.find((o) => o.kind === 'Deployment');

  it('rejects a misspelt field in a built-in kind', () => {
    const broken = structuredClone(deployment) as unknown as { spec: { replica?: number } };
    broken.spec.replica = 2;
    expect(validateObject(broken)).toEqual(['apps/v1/Deployment: unknown field .spec.replica']);
  });

  it('rejects a wrong type in a custom resource', () => {
    const externalSecret = structuredClone(rendered.objects.get('prod')?.find((o) => o.kind === 'ExternalSecret')) as unknown as { spec: { refreshInterval: unknown } };
    externalSecret.spec.refreshInterval = 60;
    expect(validateObject(externalSecret).join('\n')).toMatch(/refreshInterval must be string/);
  });

  it('rejects a field the Gateway API CRD does not define, which the model lets through', () => {
    const route = structuredClone(rendered.objects.get('prod')?.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'storefront')) as unknown as { spec: { rules: Record<string, unknown>[] } };
    expect(validateObject(route)).toEqual([]);
    (route.spec.rules[0] as Record<string, unknown>).timeout = { request: '10s' };
    expect(validateObject(route)).toEqual(['gateway.networking.k8s.io/v1/HTTPRoute: unknown field /spec/rules/0/timeout']);
  });

  it('rejects a value outside a Gateway API enum', () => {
    const route = structuredClone(rendered.objects.get('prod')?.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'storefront')) as unknown as { spec: { rules: { matches: { path: { type: string } }[] }[] } };
    const match = route.spec.rules[0]?.matches[0];
    if (!match) throw new Error('no match');
    match.path.type = 'Prefix';
    expect(validateObject(route).join('\n')).toMatch(/path\/type must be equal to one of the allowed values/);
  });

  it('rejects a kind it has no schema for', () => {
    expect(validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toEqual(['no schema for example.com/v1/Widget']);
  });
});
