// The Kubernetes releases a cluster can run, as data: what kubeadm of that minor deploys (component
// images, etcd, CoreDNS) and which package versions pkgs.k8s.io offers for it. A cluster is created
// at one of them (`cluster create --version 1.34`) and upgraded with kubeadm to the next.
export interface Release {
  /** Minor, "1.35". */
  minor: string;
  /** Patch releases on pkgs.k8s.io for this minor, oldest first ("1.35.2"). */
  patches: string[];
  etcd: string;
  coredns: string;
  pause: string;
}

export const RELEASES: Release[] = [
  { minor: '1.34', patches: ['1.34.0', '1.34.1', '1.34.2'], etcd: '3.6.4-0', coredns: 'v1.12.1', pause: '3.10.1' },
  { minor: '1.35', patches: ['1.35.0', '1.35.1', '1.35.2'], etcd: '3.6.5-0', coredns: 'v1.13.1', pause: '3.10.1' },
];

export const DEFAULT_MINOR = '1.35';

export function release(minor: string): Release | undefined {
  return RELEASES.find((r) => r.minor === minor);
}

/** The newest patch of a minor, with its v: "v1.35.2". */
export function latest(minor: string): string {
  const r = release(minor);
  if (!r) throw new Error(`unknown Kubernetes version ${minor} (known: ${RELEASES.map((x) => x.minor).join(', ')})`);
  return `v${r.patches[r.patches.length - 1]}`;
}

/** The minor of "v1.35.2" / "1.35.2-1.1" / "1.35". */
export function minorOf(v: string): string {
  return v.replace(/^v/, '').split('.').slice(0, 2).join('.');
}

/** The Debian package version pkgs.k8s.io gives a release: "1.35.2-1.1". */
export function debVersion(v: string): string {
  return `${v.replace(/^v/, '')}-1.1`;
}

/** The release of a component image tag (registry.k8s.io/kube-apiserver:v1.34.2 → v1.34.2). */
export function tagOf(image: string): string {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(at + 1) : 'latest';
}

/** Go-style version info of a release, as /version and `kubeadm version` give it. */
export function versionInfo(v: string): { [k: string]: string; gitVersion: string } {
  const [major, minor] = v.replace(/^v/, '').split('.');
  return {
    major, minor, emulationMajor: major, emulationMinor: minor, minCompatibilityMajor: major, minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion: v, gitCommit: 'fdc9d74cbf0da4d5e2b0ba4c2ae9f6c9e3e6e3e3', gitTreeState: 'clean',
    buildDate: '2026-02-10T12:00:00Z', goVersion: 'go1.25.6', compiler: 'gc', platform: 'linux/amd64',
  };
}
