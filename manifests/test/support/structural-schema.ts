import { Ajv, type ValidateFunction } from 'ajv';

// A CRD's structural OpenAPI schema as JSON Schema for Ajv, with the API server's strict field
// validation: an object schema with `properties` and neither `additionalProperties` nor
// x-kubernetes-preserve-unknown-fields accepts no other field. CEL rules
// (x-kubernetes-validations) and formats are not evaluated here.

function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('x-kubernetes-') || key === 'format') continue;
    if (key === 'properties' && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, toJsonSchema(inner)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (source['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (source.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  if (out.properties !== undefined && out.additionalProperties === undefined && source['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

/** A validator for one CRD version: returns the problems, empty when the object is valid. */
export function structuralValidator(openAPIV3Schema: Record<string, unknown>): (object: unknown) => string[] {
  const validate: ValidateFunction = ajv.compile(toJsonSchema(openAPIV3Schema) as object);
  return (object) => {
    if (validate(object)) return [];
    return (validate.errors ?? []).map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      return extra === undefined ? `${error.instancePath || '(object)'} ${error.message ?? 'is invalid'}` : `unknown field ${error.instancePath}/${extra}`;
    });
  };
}
