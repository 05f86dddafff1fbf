import { Certificate as CertificateModel } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { Construct } from 'constructs';
import { names, syncWave, waveAnnotation } from '../names.js';
import { customResource } from './api-object.js';

export interface CertificateProps {
  readonly host: string;
  /** The cert-manager ClusterIssuer that signs it. */
  readonly clusterIssuer: string;
  readonly labels: Record<string, string>;
}

/**
 * cert-manager Certificate for the environment's host, issued by its ClusterIssuer into the
 * Secret the environment's Gateway listener (ListenerSet) serves. Issued over HTTP-01 through the
 * Gateway: the ClusterIssuers use cert-manager's Gateway API solver (`http01.gatewayHTTPRoute`).
 * Explicit rather than cert-manager's Gateway annotation (which would put the Certificate next to
 * the shared Gateway, with one issuer for all) so each environment keeps its own issuer and the
 * request is reviewable and validated against cert-manager's CRD. In the app's wave, not earlier: issuing
 * needs DNS and the gateway, and Argo CD waits for a wave's health, so an earlier wave would hold
 * the database and the migration back until the certificate is issued.
 */
export class Certificate extends Construct {
  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const { host, clusterIssuer } = props;
    customResource(
      this,
      'Resource',
      new CertificateModel({
        metadata: { name: names.tlsSecret, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
        spec: {
          secretName: names.tlsSecret,
          dnsNames: [host],
          issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: clusterIssuer },
          privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        },
      }),
    );
  }
}
