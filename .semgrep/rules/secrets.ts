declare const settings: { apiKey?: string };

// ruleid: hard-coded-secret
const SESSION_SECRET = 'k9f2LmQ7vX4pR8sT1wZ6yB3nC5dE0gHj';
// ruleid: hard-coded-secret
settings.apiKey = 'AKIAIOSFODNN7REALKEY';
export const client = {
  // ruleid: hard-coded-secret
  clientSecret: 's3cr3t-value-from-the-console',
  // ok: hard-coded-secret
  clientId: 'storefront-web',
};
// ruleid: hard-coded-secret
const adminPassword = process.env.ADMIN_PASSWORD ?? 'hunter2hunter2';
// ok: hard-coded-secret
const databasePassword = process.env.DB_PASSWORD;
// ok: hard-coded-secret
const tokenPlaceholder = { token: '<token>' };
export { SESSION_SECRET, adminPassword, databasePassword, tokenPlaceholder };
// ok: hard-coded-secret
export const remoteProperties = { sessionSecret: 'session-secret', dbPassword: 'db-password' };
