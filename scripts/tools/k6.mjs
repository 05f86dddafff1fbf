// k6 for the load gate (`npm run load`). Built from source with Go because the network here
// reaches the Go module proxy but not GitHub's release downloads.
import { goInstall } from './lib.mjs';

export const name = 'k6';

// renovate: datasource=go depName=go.k6.io/k6
export const version = 'v1.8.1';

export function ensure() {
  return goInstall({ module: 'go.k6.io/k6', version, binary: 'k6' });
}
