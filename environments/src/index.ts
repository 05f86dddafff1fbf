export { digestOnlyEnvironments, environmentNames, environmentSchema, imageSchema, otlpEndpointPattern, latencyBuckets } from './schema.js';
export type { Environment, EnvironmentInput, EnvironmentName } from './schema.js';
export { EnvironmentFileError, environmentFile, environmentPath, environmentsDir, loadEnvironment, loadEnvironments, parseEnvironmentFile } from './load.js';
export { imageReference } from './image.js';
export { withImageDigest } from './edit.js';
export { appSettingNames, appSettingsSchema, appSettingValue } from './app-settings.js';
export type { AppSetting, AppSettings, AppVariable } from './app-settings.js';
