// The csrsigning controller: issues approved CertificateSigningRequests of the built-in signers
// (kubernetes.io/kube-apiserver-client, kube-apiserver-client-kubelet, kubelet-serving) with the
// cluster CA, for spec.expirationSeconds (at least 10 minutes; at most the signing duration) with
// key usages and extended key usages from spec.usages. A request a signer refuses gets the
// terminal Failed condition. Approval itself is never automatic here (csrapproving would approve
// only kubelets' own client certificates).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, randomBytes } from 'node:crypto';
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry } from '../api/registry.ts';
import { clone, nowRFC3339 } from '../api/rest.ts';
import { loadCA, type Issued } from '../pki.ts';
import { Reconciler, type Ctx } from './framework.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const CSR = 'certificates.k8s.io/v1/certificatesigningrequests';
const SIGNERS = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving'];

const KEY_USAGES: Record<string, number> = {
  'signing': x509.KeyUsageFlags.digitalSignature,
  'digital signature': x509.KeyUsageFlags.digitalSignature,
  'content commitment': x509.KeyUsageFlags.nonRepudiation,
  'key encipherment': x509.KeyUsageFlags.keyEncipherment,
  'key agreement': x509.KeyUsageFlags.keyAgreement,
  'data encipherment': x509.KeyUsageFlags.dataEncipherment,
  'cert sign': x509.KeyUsageFlags.keyCertSign,
  'crl sign': x509.KeyUsageFlags.cRLSign,
  'encipher only': x509.KeyUsageFlags.encipherOnly,
  'decipher only': x509.KeyUsageFlags.decipherOnly,
};
const EXT_KEY_USAGES: Record<string, string> = {
  'any': '2.5.29.37.0',
  'server auth': x509.ExtendedKeyUsage.serverAuth,
  'client auth': x509.ExtendedKeyUsage.clientAuth,
  'code signing': x509.ExtendedKeyUsage.codeSigning,
  'email protection': x509.ExtendedKeyUsage.emailProtection,
  's/mime': x509.ExtendedKeyUsage.emailProtection,
  'ipsec end system': '1.3.6.1.5.5.7.3.5',
  'ipsec tunnel': '1.3.6.1.5.5.7.3.6',
  'ipsec user': '1.3.6.1.5.5.7.3.7',
  'timestamping': x509.ExtendedKeyUsage.timeStamping,
  'ocsp signing': x509.ExtendedKeyUsage.ocspSigning,
  'microsoft sgc': '1.3.6.1.4.1.311.10.3.3',
  'netscape sgc': '2.16.840.1.113730.4.1',
};

/** Parses a Go-style duration (`8760h0m0s`, `720h`, `30m`) into milliseconds. */
function parseDuration(s: string | undefined, fallback: number): number {
  if (!s) return fallback;
  let ms = 0;
  let matched = false;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    matched = true;
    ms += Number(m[1]) * { h: 3600e3, m: 60e3, s: 1e3, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
  }
  return matched ? ms : fallback;
}

function hasCondition(csr: KObject, type: string): boolean {
  return (csr.status?.conditions ?? []).some((c: any) => c.type === type && c.status !== 'False');
}

function decodeRequest(csr: KObject): x509.Pkcs10CertificateRequest {
  const raw = Buffer.from(String(csr.spec?.request ?? ''), 'base64').toString();
  return new x509.Pkcs10CertificateRequest(raw.includes('-----BEGIN') ? raw : Buffer.from(String(csr.spec?.request ?? ''), 'base64'));
}

function subjectOf(req: x509.Pkcs10CertificateRequest): { cn: string; orgs: string[] } {
  let cn = '';
  const orgs: string[] = [];
  for (const rdn of req.subjectName.toJSON()) {
    for (const [k, vals] of Object.entries(rdn)) {
      if (k === 'CN') cn = vals[0];
      if (k === 'O') orgs.push(...vals);
    }
  }
  return { cn, orgs };
}

/** Why a built-in signer refuses the request (its validation of subject and usages), or undefined. */
function signerRefusal(signer: string, usages: string[], subject: { cn: string; orgs: string[] }): string | undefined {
  const client = ['digital signature', 'key encipherment', 'client auth'];
  const serving = ['digital signature', 'key encipherment', 'server auth'];
  if (signer === 'kubernetes.io/kube-apiserver-client') {
    const bad = usages.filter((u) => !client.includes(u));
    if (bad.length) return `invalid usage for client certificate: ${bad.join(', ')}`;
    if (!usages.includes('client auth')) return 'missing required usages: client auth';
    return undefined;
  }
  const node = subject.cn.startsWith('system:node:') && subject.orgs.length === 1 && subject.orgs[0] === 'system:nodes';
  if (!node) return 'subject organization is not system:nodes or common name does not start with system:node:';
  const allowed = signer === 'kubernetes.io/kubelet-serving' ? serving : client;
  const bad = usages.filter((u) => !allowed.includes(u));
  if (bad.length) return `usages did not match ${JSON.stringify(allowed)}`;
  return undefined;
}

async function publicKeyOf(req: x509.Pkcs10CertificateRequest): Promise<CryptoKey> {
  const alg = req.publicKey.algorithm as { name: string; namedCurve?: string };
  if (alg.name === 'ECDSA') return req.publicKey.export({ name: 'ECDSA', namedCurve: alg.namedCurve ?? 'P-256' } as EcKeyImportParams, ['verify']);
  if (alg.name === 'Ed25519') return req.publicKey.export({ name: 'Ed25519' }, ['verify']);
  return req.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as RsaHashedImportParams, ['verify']);
}

export function startCsrSigningController(ctx: Ctx, caPem: string, caKeyPem: string | undefined, flags: Map<string, string>): { stop(): void } {
  if (!caKeyPem) return { stop: () => undefined };
  const maxDuration = parseDuration(flags.get('cluster-signing-duration'), 365 * 24 * 3600e3);
  let ca: Promise<Issued> | undefined;
  const prefix = ResourceRegistry.keyPrefix(ctx.client.kind(CSR));

  const fail = async (csr: KObject, message: string) => {
    const next = clone(csr);
    const t = nowRFC3339(ctx.clock.now());
    next.status = { ...(next.status ?? {}), conditions: [...(next.status?.conditions ?? []), { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message, lastUpdateTime: t, lastTransitionTime: t }] };
    await ctx.client.updateStatus(CSR, next);
  };

  const r = new Reconciler(ctx, {
    name: 'csrsigning',
    watch: [prefix],
    reconcile: async (name) => {
      const csr = ctx.client.get(CSR, undefined, name);
      if (!csr || csr.status?.certificate) return;
      if (!SIGNERS.includes(csr.spec?.signerName)) return;
      if (!hasCondition(csr, 'Approved') || hasCondition(csr, 'Denied') || hasCondition(csr, 'Failed')) return;
      let req: x509.Pkcs10CertificateRequest;
      try {
        req = decodeRequest(csr);
      } catch (e) {
        await fail(csr, `unable to parse csr "${name}": ${(e as Error).message}`);
        return;
      }
      const usages: string[] = csr.spec?.usages ?? [];
      const subject = subjectOf(req);
      const why = signerRefusal(csr.spec.signerName, usages, subject);
      if (why) {
        await fail(csr, why);
        return;
      }
      ca ??= loadCA(caPem, caKeyPem);
      const issuer = await ca;
      const nowMs = ctx.clock.ms();
      // backdated as upstream (5 minutes), and never later than real time so TLS accepts it at once
      const notBefore = new Date(Math.min(nowMs, Date.now()) - 5 * 60e3);
      const requested = csr.spec?.expirationSeconds != null ? Math.max(600, csr.spec.expirationSeconds) * 1000 : maxDuration;
      let notAfter = new Date(nowMs + Math.min(requested, maxDuration));
      if (notAfter > issuer.certificate.notAfter) notAfter = issuer.certificate.notAfter;
      let ku = 0;
      for (const u of usages) ku |= KEY_USAGES[u] ?? 0;
      const eku = usages.map((u) => EXT_KEY_USAGES[u]).filter(Boolean);
      const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true)];
      if (ku) extensions.push(new x509.KeyUsagesExtension(ku, true));
      if (eku.length) extensions.push(new x509.ExtendedKeyUsageExtension(eku));
      extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate));
      // subject alternative names asked for in the request's extensionRequest attribute
      const san = req.extensions.find((e) => e.type === '2.5.29.17');
      if (san) extensions.push(new x509.SubjectAlternativeNameExtension(san.rawData));
      const serial = randomBytes(16);
      serial[0] &= 0x7f;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial.toString('hex'),
        subject: req.subjectName,
        issuer: issuer.certificate.subjectName,
        notBefore, notAfter,
        signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
        publicKey: await publicKeyOf(req),
        signingKey: issuer.keys.privateKey,
        extensions,
      });
      const latest = ctx.client.get(CSR, undefined, name);
      if (!latest || latest.status?.certificate) return;
      const next = clone(latest);
      next.status = { ...(next.status ?? {}), certificate: Buffer.from(cert.toString('pem') + '\n').toString('base64') };
      await ctx.client.updateStatus(CSR, next);
    },
  }).start();
  return { stop: () => r.stop() };
}
