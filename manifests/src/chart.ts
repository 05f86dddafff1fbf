import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { AlertRules } from './constructs/alert-rules.js';
import { Autoscaler } from './constructs/autoscaler.js';
import { Certificate } from './constructs/certificate.js';
import { AppConfigMap } from './constructs/config-map.js';
import { DashboardConfigMap } from './constructs/dashboard-config-map.js';
import { Database } from './constructs/database.js';
import { DisruptionBudget } from './constructs/disruption-budget.js';
import { AppSecrets } from './constructs/external-secrets.js';
import { GatewayRoutes } from './constructs/gateway-routes.js';
import { MigrationJob } from './constructs/migration-job.js';
import { Namespace } from './constructs/namespace.js';
import { NetworkPolicies, traceCollector } from './constructs/network-policies.js';
import { ServiceAccount } from './constructs/service-account.js';
import { ServiceMonitor } from './constructs/service-monitor.js';
import { Services } from './constructs/services.js';
import { WebDeployment } from './constructs/web-deployment.js';
import { commonLabels, names, namespaceName, platform } from './names.js';

export interface StorefrontChartProps extends ChartProps {
  readonly env: Environment;
}

/** Everything one environment runs, built from environments/<env>.yaml. */
export class StorefrontChart extends Chart {
  constructor(scope: Construct, id: string, props: StorefrontChartProps) {
    const { env } = props;
    super(scope, id, { ...props, namespace: namespaceName(env), disableResourceNameHashes: true });
    const labels = commonLabels(env);

    new Namespace(this, 'Namespace', { name: namespaceName(env), labels: { ...labels, ...platform.gateway.namespaceLabels } });
    new ServiceAccount(this, 'ServiceAccount', { name: names.serviceAccount, labels });
    const config = new AppConfigMap(this, 'ConfigMap', { env, labels });
    new AppSecrets(this, 'Secrets', { env, labels });
    new NetworkPolicies(this, 'NetworkPolicies', { labels, collector: traceCollector(env.tracing.endpoint) });
    new Database(this, 'Database', { env, labels });
    new MigrationJob(this, 'MigrationJob', { env, labels });
    new WebDeployment(this, 'Deployment', { env, labels, configChecksum: config.checksum });
    new Services(this, 'Services', { labels });
    new Certificate(this, 'Certificate', { env, labels });
    new GatewayRoutes(this, 'GatewayRoutes', { env, labels });
    new Autoscaler(this, 'Autoscaler', { env, labels });
    new DisruptionBudget(this, 'DisruptionBudget', { env, labels });
    new ServiceMonitor(this, 'ServiceMonitor', { labels });
    new AlertRules(this, 'AlertRules', { env, labels });
    new DashboardConfigMap(this, 'Dashboard', { namespace: namespaceName(env), labels });
  }
}
