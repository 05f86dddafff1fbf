// promtool, Prometheus's rule checker and unit-test runner, for the management cluster's alert
// rules (`promtool check rules`, `promtool test rules`). Built from source with Go: the network
// here reaches the Go module proxy but not GitHub's release downloads. The module's v0.x tags
// are Prometheus's v3.x releases (v0.316.0 is Prometheus 3.16.0).
import { goInstall } from './lib.mjs';

export const name = 'promtool';

// renovate: datasource=go depName=github.com/prometheus/prometheus
export const version = 'v0.316.0';

export function ensure() {
  return goInstall({ module: 'github.com/prometheus/prometheus/cmd/promtool', version, binary: 'promtool' });
}
