// Authentication as kube-apiserver does it for a kubeadm cluster: x509 client certificates signed
// by the cluster CA (CN = user, O = groups) and service-account bearer tokens (JWTs signed with
// /etc/kubernetes/pki/sa.key). Anyone else is system:anonymous.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { createPrivateKey, createPublicKey, sign, verify, randomUUID, type KeyObject } from 'node:crypto';
import type { UserInfo } from '../kinds/types.ts';

export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

function b64url(b: Buffer | string): string {
  return Buffer.from(b).toString('base64url');
}

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
    node?: { name: string; uid: string };
    secret?: { name: string; uid: string };
  };
}

export class TokenAuthority {
  private priv: KeyObject;
  private pub: KeyObject;
  readonly issuer = 'https://kubernetes.default.svc.cluster.local';

  constructor(privatePem: string | Buffer, publicPem: string | Buffer) {
    this.priv = createPrivateKey(privatePem);
    this.pub = createPublicKey(publicPem);
  }

  private alg(): string {
    return this.priv.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
  }

  issue(o: { namespace: string; name: string; uid: string; audiences?: string[]; expirationSeconds?: number; now: Date; bound?: { kind: string; name: string; uid: string } }): { token: string; expiration: Date } {
    const iat = Math.floor(o.now.getTime() / 1000);
    const exp = iat + (o.expirationSeconds ?? 3600);
    const claims: TokenClaims = {
      aud: o.audiences?.length ? o.audiences : [this.issuer],
      exp, iat, nbf: iat, iss: this.issuer, jti: randomUUID(),
      'kubernetes.io': { namespace: o.namespace, serviceaccount: { name: o.name, uid: o.uid } },
      sub: `system:serviceaccount:${o.namespace}:${o.name}`,
    };
    if (o.bound) (claims['kubernetes.io'] as any)[o.bound.kind.toLowerCase()] = { name: o.bound.name, uid: o.bound.uid };
    const kid = b64url(this.pub.export({ type: 'spki', format: 'der' }).subarray(0, 32));
    const head = b64url(JSON.stringify({ alg: this.alg(), kid }));
    const body = b64url(JSON.stringify(claims));
    const sig = sign('sha256', Buffer.from(`${head}.${body}`), { key: this.priv, dsaEncoding: 'ieee-p1363' });
    return { token: `${head}.${body}.${b64url(sig)}`, expiration: new Date(exp * 1000) };
  }

  /** Verifies a token's signature and time; returns its claims or undefined. */
  verify(token: string, now: Date): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    try {
      const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: this.pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(parts[2], 'base64url'));
      if (!ok) return undefined;
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as TokenClaims;
      if (claims.iss !== this.issuer) return undefined;
      if (claims.exp && claims.exp * 1000 < now.getTime()) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}

export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export interface AuthnResult {
  user: UserInfo;
  /** Why authentication failed, for a 401 (a presented but invalid credential). */
  error?: string;
}

export function authenticate(req: IncomingMessage, tokens: TokenAuthority | undefined, now: Date, serviceAccountExists?: (ns: string, name: string, uid: string) => boolean): AuthnResult {
  const sock = req.socket as TLSSocket;
  if (sock.authorized && typeof sock.getPeerCertificate === 'function') {
    const cert = sock.getPeerCertificate();
    if (cert && cert.subject) {
      const cn = cert.subject.CN;
      const o = cert.subject.O;
      const groups = Array.isArray(o) ? [...o] : o ? [o] : [];
      const username = Array.isArray(cn) ? cn[0] : cn;
      if (username) return { user: { username, groups: [...groups, 'system:authenticated'] } };
    }
  }
  const auth = req.headers.authorization;
  if (auth && /^bearer\s+/i.test(auth)) {
    const token = auth.replace(/^bearer\s+/i, '').trim();
    const claims = tokens?.verify(token, now);
    if (!claims) return { user: ANONYMOUS, error: 'invalid bearer token' };
    const k = claims['kubernetes.io'];
    if (serviceAccountExists && !serviceAccountExists(k.namespace, k.serviceaccount.name, k.serviceaccount.uid)) {
      return { user: ANONYMOUS, error: 'service account token has been invalidated' };
    }
    const u = serviceAccountUser(k.namespace, k.serviceaccount.name, k.serviceaccount.uid);
    const extra: Record<string, string[]> = { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] };
    if (k.pod) {
      extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
    }
    return { user: { ...u, extra } };
  }
  return { user: ANONYMOUS };
}

/** The identity requested through Impersonate-* headers, or undefined when none is asked for. */
export function impersonation(req: IncomingMessage): { username?: string; groups: string[]; uid?: string; extra: Record<string, string[]> } | undefined {
  const h = req.headersDistinct;
  const username = h['impersonate-user']?.[0];
  const groups = (h['impersonate-group'] ?? []).flatMap((g) => g.split(',').map((x) => x.trim()).filter(Boolean));
  const uid = h['impersonate-uid']?.[0];
  const extra: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(h)) {
    if (k.startsWith('impersonate-extra-') && v) extra[decodeURIComponent(k.slice('impersonate-extra-'.length))] = v;
  }
  if (!username && !groups.length && !uid && !Object.keys(extra).length) return undefined;
  return { username, groups, uid, extra };
}
