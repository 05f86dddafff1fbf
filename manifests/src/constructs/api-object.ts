import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** What a kubernetes-models class instance gives: a typed, validated custom resource. */
interface TypedModel {
  validate(): void;
  toJSON(): unknown;
}

/**
 * Adds a custom resource built with a kubernetes-models class (typed from the published CRD
 * schema) to the chart. The model is validated here, so a chart with a bad custom resource
 * fails to synthesize.
 */
export function customResource(scope: Construct, id: string, model: TypedModel): ApiObject {
  model.validate();
  const { apiVersion, kind, metadata, ...rest } = model.toJSON() as { apiVersion: string; kind: string; metadata: Record<string, unknown> } & Record<string, unknown>;
  return new ApiObject(scope, id, { apiVersion, kind, metadata, ...rest });
}
