import 'reflect-metadata';
// A fresh kubeadm-shaped PKI per cluster: the cluster CA, the etcd CA, the front-proxy CA, and the
// serving/client certificates kubeadm issues, plus the service-account signing key pair.
// Keys are ECDSA P-256 (kubeadm's `encryptionAlgorithm: ECDSA-P256`): generating them costs
// microseconds where RSA would cost most of the cluster's start-up budget.
import * as x509 from '@peculiar/x509';
import { webcrypto, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const YEAR = 365 * 24 * 3600 * 1000;

export interface KeyPairPem {
  cert: string;
  key: string;
}

export interface Issued extends KeyPairPem {
  keys: CryptoKeyPair;
  certificate: x509.X509Certificate;
}

async function keyToPem(k: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', k as webcrypto.CryptoKey));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'sec1', format: 'pem' }).toString();
}

function serial(): string {
  const b = randomBytes(8);
  b[0] &= 0x7f;
  return b.toString('hex');
}

function subject(cn: string, orgs: string[] = []): string {
  return [...orgs.map((o) => `O=${o}`), `CN=${cn}`].join(', ');
}

export async function makeCA(cn: string, now: Date): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: subject(cn),
    notBefore: new Date(now.getTime() - 5 * 60 * 1000),
    notAfter: new Date(now.getTime() + 10 * YEAR),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { keys, certificate, cert: certificate.toString('pem') + '\n', key: await keyToPem(keys.privateKey) };
}

export interface LeafSpec {
  cn: string;
  orgs?: string[];
  server?: boolean;
  client?: boolean;
  dns?: string[];
  ips?: string[];
  /** Validity in days (kubeadm: one year for leaf certificates). */
  days?: number;
}

export async function issue(ca: Issued, spec: LeafSpec, now: Date): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  return sign(ca, spec, keys.publicKey, now).then(async (certificate) => ({
    keys,
    certificate,
    cert: certificate.toString('pem') + '\n',
    key: await keyToPem(keys.privateKey),
  }));
}

/** Signs a leaf certificate for a given public key (also used by the CSR signer). */
export async function sign(ca: Issued, spec: LeafSpec, publicKey: CryptoKey, now: Date): Promise<x509.X509Certificate> {
  const usages: string[] = [];
  if (spec.server) usages.push(x509.ExtendedKeyUsage.serverAuth);
  if (spec.client) usages.push(x509.ExtendedKeyUsage.clientAuth);
  const names: x509.JsonGeneralName[] = [
    ...(spec.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension(usages),
    await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
  ];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: subject(spec.cn, spec.orgs),
    issuer: ca.certificate.subject,
    notBefore: new Date(now.getTime() - 5 * 60 * 1000),
    notAfter: new Date(now.getTime() + (spec.days ?? 365) * 24 * 3600 * 1000),
    signingAlgorithm: ALG,
    publicKey,
    signingKey: ca.keys.privateKey,
    extensions,
  });
}

/** Parses a PEM certificate's subject into user name (CN) and groups (O), as kube-apiserver does. */
export function userFromCertificate(pem: string | Buffer): { username: string; groups: string[] } {
  const c = new x509.X509Certificate(pem.toString());
  const groups: string[] = [];
  let username = '';
  for (const rdn of c.subjectName.toJSON()) {
    for (const [k, vals] of Object.entries(rdn)) {
      if (k === 'CN') username = vals[0];
      if (k === 'O') groups.push(...vals);
    }
  }
  return { username, groups };
}

export async function loadCA(certPem: string, keyPem: string): Promise<Issued> {
  const certificate = new x509.X509Certificate(certPem);
  const pkcs8 = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const privateKey = (await webcrypto.subtle.importKey('pkcs8', pkcs8, ALG, true, ['sign'])) as unknown as CryptoKey;
  const publicKey = await certificate.publicKey.export(ALG, ['verify']);
  return { keys: { privateKey, publicKey }, certificate, cert: certPem, key: keyPem };
}

export interface ClusterPki {
  ca: Issued;
  etcdCa: Issued;
  frontProxyCa: Issued;
  files: Record<string, string>; // path relative to /etc/kubernetes/pki → PEM
  clients: Record<string, KeyPairPem>; // kubeconfig users
}

export interface PkiOptions {
  controlPlaneName: string;
  controlPlaneIP: string;
  serviceIP: string; // first address of the service CIDR (the `kubernetes` Service)
  workers: { name: string; ip: string }[];
  now: Date;
}

/** Everything kubeadm init writes under /etc/kubernetes/pki, plus the kubeconfig client pairs. */
export async function createClusterPki(o: PkiOptions): Promise<ClusterPki> {
  const { now } = o;
  const [ca, etcdCa, frontProxyCa] = await Promise.all([makeCA('kubernetes', now), makeCA('etcd-ca', now), makeCA('front-proxy-ca', now)]);
  const cp = o.controlPlaneName;
  const leaf = async (c: Issued, s: LeafSpec) => issue(c, s, now);
  const [apiserver, kubeletClient, etcdClient, etcdServer, etcdPeer, etcdHealth, frontProxyClient] = await Promise.all([
    leaf(ca, {
      cn: 'kube-apiserver', server: true,
      dns: [cp, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
      ips: [o.serviceIP, o.controlPlaneIP, '127.0.0.1'],
    }),
    leaf(ca, { cn: 'kube-apiserver-kubelet-client', orgs: ['kubeadm:cluster-admins'], client: true }),
    leaf(etcdCa, { cn: 'kube-apiserver-etcd-client', client: true }),
    leaf(etcdCa, { cn: cp, server: true, client: true, dns: [cp, 'localhost'], ips: [o.controlPlaneIP, '127.0.0.1', '::1'] }),
    leaf(etcdCa, { cn: cp, server: true, client: true, dns: [cp, 'localhost'], ips: [o.controlPlaneIP, '127.0.0.1', '::1'] }),
    leaf(etcdCa, { cn: 'kube-etcd-healthcheck-client', client: true }),
    leaf(frontProxyCa, { cn: 'front-proxy-client', client: true }),
  ]);
  const saKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const saKey = await keyToPem(saKeys.privateKey);
  const saPub = createPublicKey(saKey).export({ type: 'spki', format: 'pem' }).toString();

  const clientSpecs: Record<string, LeafSpec> = {
    admin: { cn: 'kubernetes-admin', orgs: ['kubeadm:cluster-admins'], client: true },
    'super-admin': { cn: 'kubernetes-super-admin', orgs: ['system:masters'], client: true },
    'controller-manager': { cn: 'system:kube-controller-manager', client: true },
    scheduler: { cn: 'system:kube-scheduler', client: true },
    [`kubelet-${cp}`]: { cn: `system:node:${cp}`, orgs: ['system:nodes'], client: true },
  };
  for (const w of o.workers) clientSpecs[`kubelet-${w.name}`] = { cn: `system:node:${w.name}`, orgs: ['system:nodes'], client: true };
  const clients: Record<string, KeyPairPem> = {};
  await Promise.all(
    Object.entries(clientSpecs).map(async ([k, s]) => {
      const c = await leaf(ca, s);
      clients[k] = { cert: c.cert, key: c.key };
    }),
  );

  const files: Record<string, string> = {
    'ca.crt': ca.cert, 'ca.key': ca.key,
    'apiserver.crt': apiserver.cert, 'apiserver.key': apiserver.key,
    'apiserver-kubelet-client.crt': kubeletClient.cert, 'apiserver-kubelet-client.key': kubeletClient.key,
    'apiserver-etcd-client.crt': etcdClient.cert, 'apiserver-etcd-client.key': etcdClient.key,
    'front-proxy-ca.crt': frontProxyCa.cert, 'front-proxy-ca.key': frontProxyCa.key,
    'front-proxy-client.crt': frontProxyClient.cert, 'front-proxy-client.key': frontProxyClient.key,
    'sa.key': saKey, 'sa.pub': saPub,
    'etcd/ca.crt': etcdCa.cert, 'etcd/ca.key': etcdCa.key,
    'etcd/server.crt': etcdServer.cert, 'etcd/server.key': etcdServer.key,
    'etcd/peer.crt': etcdPeer.cert, 'etcd/peer.key': etcdPeer.key,
    'etcd/healthcheck-client.crt': etcdHealth.cert, 'etcd/healthcheck-client.key': etcdHealth.key,
  };
  return { ca, etcdCa, frontProxyCa, files, clients };
}

/** A kubeconfig as kubeadm writes it (embedded certificate data). */
export function kubeconfig(o: { server: string; caPem: string; user: string; client: KeyPairPem; clusterName?: string }): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const cluster = o.clusterName ?? 'kubernetes';
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(o.caPem)}`,
    `    server: ${o.server}`,
    `  name: ${cluster}`,
    'contexts:',
    '- context:',
    `    cluster: ${cluster}`,
    `    user: ${o.user}`,
    `  name: ${o.user}@${cluster}`,
    `current-context: ${o.user}@${cluster}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${o.user}`,
    '  user:',
    `    client-certificate-data: ${b64(o.client.cert)}`,
    `    client-key-data: ${b64(o.client.key)}`,
    '',
  ].join('\n');
}
