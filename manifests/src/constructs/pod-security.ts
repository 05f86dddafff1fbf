import { k8s } from 'cdk8s-plus-28';

/** uid/gid the image runs as (app/Dockerfile). */
export const appUser = 10001;

/** Pod-level security context every pod of this app runs with (Pod Security Standard "restricted"). */
export function podSecurityContext(): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: appUser,
    runAsGroup: appUser,
    fsGroup: appUser,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level security context: non-root, read-only root filesystem, no capabilities. */
export function containerSecurityContext(): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: appUser,
    runAsGroup: appUser,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The only writable path: /tmp, an emptyDir capped in size. */
export const tmpVolume: k8s.Volume = { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } };
export const tmpMount: k8s.VolumeMount = { name: 'tmp', mountPath: '/tmp' };
