import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { ListenerSet } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ListenerSet';
import { Construct } from 'constructs';
import { names, platform, syncWave, waveAnnotation } from '../names.js';
import { customResource } from './api-object.js';
import { httpServicePort } from './services.js';

export interface GatewayRoutesProps {
  readonly host: string;
  readonly labels: Record<string, string>;
}

const gatewayGroup = 'gateway.networking.k8s.io';
const { gateway } = platform;

/**
 * How https://<host> reaches the `storefront` Service through the platform's shared Gateway:
 * a ListenerSet that adds this environment's HTTPS listener (its hostname and the certificate of
 * `certificate.ts`, both in this namespace, so no ReferenceGrant is needed), the HTTPRoute on that
 * listener, and an HTTPRoute on the Gateway's plain-HTTP listener that redirects to HTTPS
 * (cert-manager's HTTP-01 solver routes, more specific, still win for /.well-known/acme-challenge/).
 */
export class GatewayRoutes extends Construct {
  constructor(scope: Construct, id: string, props: GatewayRoutesProps) {
    super(scope, id);
    const { host, labels } = props;
    const metadata = (name: string) => ({ name, labels, annotations: waveAnnotation(syncWave.app) });

    customResource(
      this,
      'ListenerSet',
      new ListenerSet({
        metadata: metadata(names.listenerSet),
        spec: {
          parentRef: { group: gatewayGroup, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace },
          listeners: [
            {
              name: gateway.httpsListener,
              hostname: host,
              port: 443,
              protocol: 'HTTPS',
              tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: names.tlsSecret }] },
              allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: gatewayGroup, kind: 'HTTPRoute' }] },
            },
          ],
        },
      }),
    );

    customResource(
      this,
      'Route',
      new HTTPRoute({
        metadata: metadata(names.route),
        spec: {
          parentRefs: [{ group: gatewayGroup, kind: 'ListenerSet', name: names.listenerSet, sectionName: gateway.httpsListener }],
          hostnames: [host],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              backendRefs: [{ group: '', kind: 'Service', name: names.service, port: httpServicePort }],
            },
          ],
        },
      }),
    );

    customResource(
      this,
      'RedirectRoute',
      new HTTPRoute({
        metadata: metadata(names.redirectRoute),
        spec: {
          parentRefs: [{ group: gatewayGroup, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace, sectionName: gateway.httpListener }],
          hostnames: [host],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
        },
      }),
    );
  }
}
