import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { names, platform, ports, syncWave, waveAnnotation } from '../names.js';

export interface IngressProps {
  readonly env: Environment;
  readonly labels: Record<string, string>;
}

/** https://<host> to the `storefront` Service, serving the certificate of `certificate.ts`. */
export class Ingress extends Construct {
  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    const { env } = props;
    new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: names.ingress,
        labels: props.labels,
        annotations: {
          ...waveAnnotation(syncWave.app),
          'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
          'nginx.ingress.kubernetes.io/proxy-body-size': `${Math.ceil(env.app.bodyLimitBytes / 1024)}k`,
        },
      },
      spec: {
        ingressClassName: platform.ingress.className,
        tls: [{ hosts: [env.host], secretName: names.tlsSecret }],
        rules: [
          {
            host: env.host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: names.service, port: { name: ports.http.name } } } }] },
          },
        ],
      },
    });
  }
}
