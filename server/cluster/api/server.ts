// The API server: authentication, impersonation, authorization, non-resource endpoints
// (version, health, discovery, OpenAPI) and dispatch of resource requests to generic REST.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KindDef, KObject, StrategyContext, UserInfo } from '../kinds/types.ts';
import { jsonTypeDef } from '../schema/index.ts';
import { ResourceRegistry, DEFAULT_VERBS } from './registry.ts';
import type { Store } from './store.ts';
import { ApiError, badRequest, internal, methodNotSupported, pathNotFound, unauthorized } from './errors.ts';
import { parseResourcePath, readBody, mediaType, type ResourcePath } from './request.ts';
import { Rest, nowRFC3339, clone, type RestContext, type Reply } from './rest.ts';
import { serveWatch } from './watch.ts';
import { aggregatedDiscovery, AGGREGATED_CONTENT_TYPE, apiGroup, apiGroupList, apiResourceList, apiVersions, wantsAggregated } from './discovery.ts';
import { authenticate, impersonation, serviceAccountUser, type TokenAuthority } from './authn.ts';
import { Authorizer, answerReview } from './authorizer.ts';
import { buildOpenAPIv3, openAPIv3Root, hashDocument } from './openapi.ts';
import { kindsFromCrd, crdTypeDefs } from './crd.ts';
import { Allocator } from './allocator.ts';
import { serveLog, serveStream, rejectUpgrade, type NodeBackend } from './streaming.ts';
import type { Duplex } from 'node:stream';
import { Admission, boundObject, decodeTokenRequest, evictPod } from './admission.ts';

export interface VersionInfo {
  gitVersion: string;
  [k: string]: string;
}

export interface ApiServerOptions {
  store: Store;
  builtins: KindDef[];
  tokens: TokenAuthority;
  clock: () => Date;
  /** Cluster settings the strategies see (service CIDR, node-port range, …). */
  config: Record<string, string>;
  version: VersionInfo;
  /** host:port advertised in /api's serverAddressByClientCIDRs. */
  serverAddress: string;
  log?: (line: string) => void;
}

const CRD_PREFIX = '/registry/apiextensions.k8s.io/customresourcedefinitions/';

function verbFor(method: string, rp: ResourcePath, q: URLSearchParams): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (q.get('watch') === 'true' || q.get('watch') === '1') return 'watch';
      return rp.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return rp.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export class ApiServer {
  readonly registry: ResourceRegistry;
  readonly rest: Rest;
  readonly authz: Authorizer;
  readonly allocator: Allocator;
  private openapiCache = new Map<string, { gen: number; json: string; hash: string }>();
  ready = false;
  /** The kubelets, for the pods' log/exec/attach subresources (set when they start). */
  nodeBackend?: NodeBackend;

  constructor(readonly o: ApiServerOptions) {
    this.registry = new ResourceRegistry(o.builtins);
    this.rest = new Rest(o.store, this.registry);
    this.rest.admission = new Admission(o.store, this.registry);
    this.authz = new Authorizer(o.store);
    this.allocator = new Allocator(o.store, o.config['service-cluster-ip-range'] ?? '10.96.0.0/12', o.config['service-node-port-range'] ?? '30000-32767');
  }

  /** Serves the kinds of the CRDs already stored, and follows CRD changes from now on. */
  startCrdSync(): void {
    const apply = (crd: KObject | undefined, prev: KObject | undefined) => {
      for (const k of prev ? kindsFromCrd(prev) : []) this.registry.remove(k.group, k.version, k.plural);
      for (const k of crd ? kindsFromCrd(crd) : []) this.registry.add(k);
      if (crd && !crd.metadata?.deletionTimestamp) this.markCrdEstablished(crd).catch(() => undefined);
    };
    for (const s of this.o.store.list(CRD_PREFIX)) apply(s.obj, undefined);
    this.o.store.subscribe((ev) => {
      if (!ev.key.startsWith(CRD_PREFIX)) return;
      apply(ev.type === 'DELETED' ? undefined : ev.obj, ev.prev);
    });
  }

  /** What the apiextensions controllers do for a new CRD: accept its names and establish it. */
  private async markCrdEstablished(crd: KObject): Promise<void> {
    const conds: any[] = crd.status?.conditions ?? [];
    if (conds.some((c) => c.type === 'Established' && c.status === 'True')) return;
    const s = this.o.store.get(`${CRD_PREFIX}${crd.metadata!.name}`);
    if (!s) return;
    const next = clone(s.obj);
    const t = nowRFC3339(this.o.clock());
    next.status = {
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: t, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: t, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames: next.spec?.names ?? {},
      storedVersions: (next.spec?.versions ?? []).filter((v: any) => v.storage).map((v: any) => v.name),
    };
    await this.o.store.update(s.key, next, s.rev).catch(() => undefined);
  }

  strategy(user: UserInfo): StrategyContext {
    return { now: this.o.clock(), user, config: this.o.config, allocate: (pool, wanted) => this.allocator.allocate(pool, wanted) };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const warnings: string[] = [];
    try {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const now = this.o.clock();
      const authn = authenticate(req, this.o.tokens, now, (ns, name, uid) => {
        const sa = this.o.store.get(`/registry/serviceaccounts/${ns}/${name}`)?.obj;
        return !!sa && (!uid || sa.metadata?.uid === uid);
      });
      if (authn.error) throw unauthorized();
      const user = this.impersonate(req, authn.user);
      const rp = parseResourcePath(url.pathname);
      if (!rp) return await this.nonResource(req, res, url, user);
      await this.resource(req, res, url, rp, user, warnings);
    } catch (e) {
      this.sendError(res, e, warnings);
    }
  }

  /** A connection upgrade (WebSocket exec/attach; SPDY is refused with a Status). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    try {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const authn = authenticate(req, this.o.tokens, this.o.clock(), (ns, name, uid) => {
        const sa = this.o.store.get(`/registry/serviceaccounts/${ns}/${name}`)?.obj;
        return !!sa && (!uid || sa.metadata?.uid === uid);
      });
      if (authn.error) throw unauthorized();
      const user = this.impersonate(req, authn.user);
      const rp = parseResourcePath(url.pathname);
      const kind = rp && this.registry.find(rp.group, rp.version, rp.plural);
      if (!rp || !kind || kind.kind !== 'Pod' || !rp.name || (rp.subresource !== 'exec' && rp.subresource !== 'attach')) throw pathNotFound();
      // upstream authorizes a WebSocket exec/attach (a GET) as "create" on the subresource
      this.authz.enforce({
        user, verb: 'create', apiGroup: '', resource: kind.plural, subresource: rp.subresource, namespace: rp.namespace ?? '',
        name: rp.name, path: url.pathname, resourceRequest: true,
      });
      const ctx: RestContext = { kind, rp, query: url.searchParams, strategy: this.strategy(user), warnings: [], accept: '' };
      serveStream(this.nodeBackend, rp.subresource, this.rest.current(ctx).obj, url.searchParams, req, socket, head);
    } catch (e) {
      rejectUpgrade(socket, e);
    }
  }

  private impersonate(req: IncomingMessage, user: UserInfo): UserInfo {
    const imp = impersonation(req);
    if (!imp) return user;
    const check = (resource: string, name: string, namespace = '', apiGroup = '') =>
      this.authz.enforce({ user, verb: 'impersonate', apiGroup, resource, subresource: '', namespace, name, path: '', resourceRequest: true });
    if (!imp.username) throw badRequest('requested [{Group  ' + imp.groups.join(' ') + '}] without impersonating a user');
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(imp.username);
    if (sa) check('serviceaccounts', sa[2], sa[1]);
    else check('users', imp.username);
    for (const g of imp.groups) check('groups', g);
    if (imp.uid) check('uids', imp.uid, '', 'authentication.k8s.io');
    let groups = [...imp.groups];
    if (sa) {
      const base = serviceAccountUser(sa[1], sa[2]);
      groups = [...new Set([...groups, ...base.groups.filter((g) => g !== 'system:authenticated')])];
    }
    if (imp.username !== 'system:anonymous' && !groups.includes('system:authenticated')) groups.push('system:authenticated');
    return { username: imp.username, groups, uid: imp.uid, extra: Object.keys(imp.extra).length ? imp.extra : undefined };
  }

  private send(res: ServerResponse, code: number, body: unknown, warnings: string[], contentType = 'application/json'): void {
    const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' };
    if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(code, headers);
    res.end(text);
  }

  private sendError(res: ServerResponse, e: unknown, warnings: string[]): void {
    let err: ApiError;
    if (e instanceof ApiError) err = e;
    else {
      this.o.log?.(`internal error: ${(e as Error)?.stack ?? e}`);
      err = internal((e as Error)?.message ?? String(e));
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err.code === 413) res.setHeader('Connection', 'close');
    this.send(res, err.code, err.toStatus(), warnings);
  }

  // ----- non-resource endpoints -----------------------------------------------------------------

  private async nonResource(req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const verb = method === 'GET' || method === 'HEAD' ? 'get' : method.toLowerCase();
    this.authz.enforce({ user, verb, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path, resourceRequest: false });
    if (verb !== 'get') throw methodNotSupported();
    const accept = req.headers.accept ?? '';
    const parts = path.split('/').filter(Boolean);
    if (path === '/version') return this.send(res, 200, this.o.version, []);
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path)) return this.health(res, parts, url.searchParams);
    if (path === '/api') {
      if (wantsAggregated(accept)) return this.send(res, 200, aggregatedDiscovery(this.registry, true), [], AGGREGATED_CONTENT_TYPE);
      return this.send(res, 200, apiVersions(this.o.serverAddress), []);
    }
    if (path === '/apis') {
      if (wantsAggregated(accept)) return this.send(res, 200, aggregatedDiscovery(this.registry, false), [], AGGREGATED_CONTENT_TYPE);
      return this.send(res, 200, apiGroupList(this.registry), []);
    }
    if (parts[0] === 'api' && parts.length === 2) {
      const l = apiResourceList(this.registry, '', parts[1]);
      if (l) return this.send(res, 200, l, []);
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroup(this.registry, parts[1]);
      if (g) return this.send(res, 200, g, []);
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const l = apiResourceList(this.registry, parts[1], parts[2]);
      if (l) return this.send(res, 200, l, []);
    }
    if (path === '/openapi/v3') return this.send(res, 200, this.openapiRoot(), []);
    if (parts[0] === 'openapi' && parts[1] === 'v3' && parts.length >= 3) {
      const doc = this.openapiDoc(parts.slice(2).join('/'));
      if (doc) {
        const etag = `"${doc.hash}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { ETag: etag });
          res.end();
          return;
        }
        res.writeHead(200, {
          'Content-Type': 'application/json',
          ETag: etag,
          'Cache-Control': url.searchParams.get('hash') === doc.hash ? 'public, immutable' : 'no-cache, no-store, must-revalidate',
          Expires: url.searchParams.get('hash') === doc.hash ? new Date(Date.now() + 365 * 86400e3).toUTCString() : new Date(0).toUTCString(),
        });
        res.end(doc.json);
        return;
      }
    }
    throw pathNotFound();
  }

  private health(res: ServerResponse, parts: string[], q: URLSearchParams): void {
    const kind = parts[0];
    const checks = ['ping', 'log', 'etcd', 'poststarthook/start-apiextensions-controllers', 'poststarthook/crd-informer-synced', 'poststarthook/rbac/bootstrap-roles', 'poststarthook/bootstrap-controller'];
    if (kind === 'readyz') checks.splice(3, 0, 'etcd-readiness', 'informer-sync');
    if (parts.length > 1) {
      const name = parts.slice(1).join('/');
      if (!checks.includes(name)) throw pathNotFound();
      return this.send(res, 200, 'ok', [], 'text/plain; charset=utf-8');
    }
    if (q.has('verbose')) {
      const lines = checks.map((c) => `[+]${c} ok`);
      lines.push(`${kind} check passed`);
      return this.send(res, 200, lines.join('\n') + '\n', [], 'text/plain; charset=utf-8');
    }
    this.send(res, 200, 'ok', [], 'text/plain; charset=utf-8');
  }

  private gvPaths(): { path: string; group: string; version: string }[] {
    const out: { path: string; group: string; version: string }[] = [];
    for (const [g, vs] of this.registry.groups()) {
      for (const v of vs) out.push({ path: g ? `apis/${g}/${v}` : `api/${v}`, group: g, version: v });
    }
    return out;
  }

  private openapiDoc(path: string): { json: string; hash: string } | undefined {
    const gv = this.gvPaths().find((p) => p.path === path);
    if (!gv) return undefined;
    const hit = this.openapiCache.get(path);
    if (hit && hit.gen === this.registry.generation) return hit;
    const resources = this.registry.inGroupVersion(gv.group, gv.version).map((k) => ({
      plural: k.plural, kind: k.kind, namespaced: k.namespaced, schemaType: k.schemaType, listSchemaType: k.schemaType + 'List',
      verbs: k.verbs ?? DEFAULT_VERBS, subresources: (k.subresources ?? []).map((s) => s.name), jsonSchema: k.jsonSchema,
    }));
    const kinds = this.registry.inGroupVersion(gv.group, gv.version);
    const custom = kinds.filter((k) => k.jsonSchema).map((k) => ({ k, ...crdTypeDefs(k) }));
    const extra = new Map(custom.flatMap((c) => c.typeDefs.map((t) => [t.name, t] as const)));
    const doc = buildOpenAPIv3({ group: gv.group, version: gv.version }, resources as any, (n) => extra.get(n) ?? jsonTypeDef(n)) as any;
    for (const c of custom) doc.components.schemas[c.k.schemaType] = c.component;
    const json = JSON.stringify(doc);
    const entry = { gen: this.registry.generation, json, hash: hashDocument(json) };
    this.openapiCache.set(path, entry);
    return entry;
  }

  private openapiRoot(): object {
    return openAPIv3Root(this.gvPaths().map((p) => ({ path: p.path, hash: this.openapiDoc(p.path)!.hash })));
  }

  // ----- resources ------------------------------------------------------------------------------

  private async resource(req: IncomingMessage, res: ServerResponse, url: URL, rp: ResourcePath, user: UserInfo, warnings: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const q = url.searchParams;
    const kind = this.registry.find(rp.group, rp.version, rp.plural);
    if (!kind) throw pathNotFound();
    if (rp.namespace && !kind.namespaced) throw pathNotFound();
    const verb = verbFor(method, rp, q);
    const sub = rp.subresource;
    if (sub && !(kind.subresources ?? []).some((s) => s.name === sub)) throw pathNotFound();
    this.authz.enforce({
      user, verb, apiGroup: kind.group, resource: kind.plural, subresource: sub ?? '', namespace: rp.namespace ?? '',
      name: rp.name ?? '', path: url.pathname, resourceRequest: true,
    });
    const verbs = kind.verbs ?? DEFAULT_VERBS;
    if (!sub && !verbs.includes(verb)) throw methodNotSupported();
    if (!rp.name && (verb === 'update' || verb === 'patch')) throw methodNotSupported();
    if (kind.deprecated) warnings.push(kind.deprecated);
    const ctx: RestContext = { kind, rp, query: q, strategy: this.strategy(user), warnings, accept: req.headers.accept ?? '' };
    const reply = (r: Reply) => this.send(res, r.code, r.body, warnings);

    if (sub === 'log' && method === 'GET') return serveLog(this.nodeBackend, this.rest.current(ctx).obj, q, req, res, this.o.clock);
    if (sub) return reply(await this.subresource(req, ctx, sub, method));
    switch (verb) {
      case 'get':
        return reply(this.rest.get(ctx));
      case 'list':
        return reply(this.rest.list(ctx));
      case 'watch':
        return serveWatch(this.rest, ctx, req, res, this.o.clock);
      case 'create': {
        if (rp.name) throw methodNotSupported();
        const body = await readBody(req);
        const obj = this.rest.decodeObject(ctx, body, req.headers['content-type']);
        const review = answerReview(kind.kind, obj, user, this.authz, this.o.tokens, ctx.strategy.now, rp.namespace);
        if (review) return reply({ code: 201, body: review });
        return reply(await this.rest.create(ctx, obj));
      }
      case 'update': {
        const body = await readBody(req);
        const obj = this.rest.decodeObject(ctx, body, req.headers['content-type']);
        return reply(await this.rest.update(ctx, obj));
      }
      case 'patch': {
        const body = await readBody(req);
        return reply(await this.rest.patch(ctx, body, req.headers['content-type']));
      }
      case 'delete':
        return reply(await this.rest.delete(ctx, await this.deleteOptions(req)));
      case 'deletecollection':
        return reply(await this.rest.deleteCollection(ctx, await this.deleteOptions(req)));
      default:
        throw methodNotSupported();
    }
  }

  private async deleteOptions(req: IncomingMessage): Promise<any> {
    const body = await readBody(req);
    if (!body.length) return {};
    const type = mediaType(req.headers['content-type']);
    if (type === 'application/vnd.kubernetes.protobuf') return {};
    try {
      return JSON.parse(body.toString());
    } catch (e) {
      throw badRequest(`error decoding DeleteOptions: ${(e as Error).message}`);
    }
  }

  private async subresource(req: IncomingMessage, ctx: RestContext, sub: string, method: string): Promise<Reply> {
    const k = ctx.kind;
    const name = ctx.rp.name;
    if (!name) throw pathNotFound();
    const decl = k.subresources!.find((s) => s.name === sub)!;
    const verb = verbFor(method, ctx.rp, ctx.query);
    if (!decl.verbs.includes(verb)) throw methodNotSupported();
    if (sub === 'status') {
      if (method === 'GET') return this.rest.get(ctx);
      const body = await readBody(req);
      if (method === 'PUT') return this.rest.update(ctx, this.rest.decodeObject(ctx, body, req.headers['content-type']), 'status');
      return this.rest.patch(ctx, body, req.headers['content-type'], 'status');
    }
    if (sub === 'scale') {
      if (method === 'GET') {
        const { obj } = this.rest.current(ctx);
        return { code: 200, body: this.rest.toScale(k, obj) };
      }
      return this.rest.updateScale(ctx, await readBody(req), req.headers['content-type'], method);
    }
    if (sub === 'approval') {
      const body = await readBody(req);
      const obj = this.rest.decodeObject(ctx, body, req.headers['content-type']);
      const { obj: old, rev } = this.rest.current(ctx);
      const next = clone(old);
      next.status = { ...(old.status ?? {}), conditions: obj.status?.conditions ?? [] };
      for (const c of next.status.conditions) {
        c.lastUpdateTime = c.lastUpdateTime ?? nowRFC3339(ctx.strategy.now);
        c.lastTransitionTime = c.lastTransitionTime ?? nowRFC3339(ctx.strategy.now);
      }
      return this.rest.commitUpdate(ctx, old, rev, next, 'status');
    }
    if (sub === 'finalize') {
      const body = await readBody(req);
      const obj = this.rest.decodeObject(ctx, body, req.headers['content-type']);
      const { obj: old, rev } = this.rest.current(ctx);
      const next = clone(old);
      next.spec = { ...(old.spec ?? {}), finalizers: obj.spec?.finalizers ?? [] };
      if (!next.spec.finalizers.length) delete next.spec.finalizers;
      return this.rest.commitUpdate(ctx, old, rev, next);
    }
    if (sub === 'binding') {
      const body = await readBody(req);
      const binding = JSON.parse(body.toString() || '{}');
      const { obj: old, rev } = this.rest.current(ctx);
      if (old.spec?.nodeName) {
        throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"`, { name, kind: 'pods/binding' });
      }
      const next = clone(old);
      next.spec = { ...next.spec, nodeName: binding.target?.name };
      await this.rest.commitUpdate(ctx, old, rev, next);
      return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    }
    if (sub === 'eviction') {
      const body = await readBody(req);
      const protobuf = mediaType(req.headers['content-type']) === 'application/vnd.kubernetes.protobuf';
      let eviction: any = {};
      try {
        eviction = body.length && !protobuf ? JSON.parse(body.toString()) : {};
      } catch (e) {
        throw badRequest(`error decoding Eviction: ${(e as Error).message}`);
      }
      return evictPod(this.rest, ctx, eviction);
    }
    if (sub === 'token') {
      const body = await readBody(req);
      const tr = decodeTokenRequest(body, req.headers['content-type']);
      const { obj: sa } = this.rest.current(ctx);
      const bound = boundObject(this.rest, sa.metadata!.namespace, tr.spec?.boundObjectRef);
      const seconds = tr.spec?.expirationSeconds ?? 3600;
      if (seconds < 600) {
        throw new ApiError(422, 'Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`);
      }
      const { token, expiration } = this.o.tokens.issue({ namespace: sa.metadata!.namespace, name: sa.metadata!.name, uid: sa.metadata!.uid, audiences: tr.spec?.audiences, expirationSeconds: seconds, now: ctx.strategy.now, bound });
      return {
        code: 201,
        body: {
          kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
          metadata: { name, namespace: sa.metadata!.namespace, creationTimestamp: null },
          spec: { audiences: tr.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: seconds, boundObjectRef: bound ? { kind: bound.kind, apiVersion: 'v1', name: bound.name, uid: bound.uid } : null },
          status: { token, expirationTimestamp: nowRFC3339(expiration) },
        },
      };
    }
    throw new ApiError(501, 'NotImplemented', `kubedojo: the ${k.plural}/${sub} subresource is not implemented yet`);
  }
}
