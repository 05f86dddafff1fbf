import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { imageReference, type Environment } from '@storefront/environments';
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
    const namespace = namespaceName(env);
    // The one place the image reference is computed: the Deployment and the migration Job run the same image.
    const image = imageReference(env.image);

    new Namespace(this, 'Namespace', { name: namespace, labels: { ...labels, ...platform.gateway.namespaceLabels } });
    new ServiceAccount(this, 'ServiceAccount', { name: names.serviceAccount, labels });
    const config = new AppConfigMap(this, 'ConfigMap', { environment: env.name, host: env.host, settings: env.app, tracing: env.tracing, labels });
    new AppSecrets(this, 'Secrets', { secrets: env.secrets, namespace, labels });
    new NetworkPolicies(this, 'NetworkPolicies', { labels, collector: traceCollector(env.tracing.endpoint) });
    new Database(this, 'Database', { database: env.database, labels });
    new MigrationJob(this, 'MigrationJob', { image, labels });
    new WebDeployment(this, 'Deployment', {
      image,
      release: env.image,
      resources: env.resources,
      strictNodeSpread: env.autoscaling.minReplicas > 1,
      labels,
      config: config.data,
      configChecksum: config.checksum,
    });
    new Services(this, 'Services', { labels });
    new Certificate(this, 'Certificate', { host: env.host, clusterIssuer: env.tls.clusterIssuer, labels });
    new GatewayRoutes(this, 'GatewayRoutes', { host: env.host, labels });
    new Autoscaler(this, 'Autoscaler', { autoscaling: env.autoscaling, labels });
    new DisruptionBudget(this, 'DisruptionBudget', { maxUnavailable: env.disruptionBudget.maxUnavailable, labels });
    new ServiceMonitor(this, 'ServiceMonitor', { labels });
    new AlertRules(this, 'AlertRules', { env, labels });
    new DashboardConfigMap(this, 'Dashboard', { namespace, labels });
  }
}
