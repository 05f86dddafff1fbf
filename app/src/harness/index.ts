// The app's harness for tests and tools (`@storefront/app/harness`): the one way to start the
// compiled shop as a process, to make up the secrets a local shop needs, and a throwaway
// PostgreSQL to run it on. Callers outside app/ (e2e, load, scripts) import this, never src/.
export { freePort } from './free-port.js';
export { makeLocalSecrets, type LocalSecrets, type LocalSecretsOptions } from './local-secrets.js';
export { startPostgresCluster, type ClusterOptions, type PostgresCluster } from './postgres-cluster.js';
export { appDir, startShopProcess, type ShopProcess, type ShopProcessOptions } from './shop-process.js';
export { waitForOk } from './wait-for-ok.js';
