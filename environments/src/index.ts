export { digestOnlyEnvironments, environmentNames, environmentSchema, imageSchema, appSettingsSchema, otlpEndpointPattern, latencyBuckets } from './schema.js';
export type { Environment, EnvironmentInput, EnvironmentName } from './schema.js';
export { EnvironmentFileError, environmentFile, environmentsDir, loadEnvironment, loadEnvironments, parseEnvironmentFile } from './load.js';
export { imageReference } from './image.js';
export { withImageDigest } from './edit.js';
