// CoreDNS answering one question from its Corefile and the cluster state. Plugins run in CoreDNS's
// compiled-in order (plugin.cfg), whatever their order in the file: rewrite → hosts → kubernetes →
// forward. The kubernetes plugin serves <svc>.<ns>.svc.<zone> (ClusterIP, headless endpoints,
// ExternalName CNAMEs), <endpoint>.<svc>.<ns>.svc.<zone>, SRV _port._proto names, pod names
// <a-b-c-d>.<ns>.pod.<zone> (per `pods`), and PTRs. There is no upstream beyond the cluster: what
// `forward` would send out gets no reply (the client times out).
import type { KObject } from '../kinds/types.ts';
import type { Corefile, Directive, ServerBlock } from './corefile.ts';
import { dashed, fromReverse, isIPv4, toReverse, undashed } from './ip.ts';
import { podIps, type NetView } from './view.ts';
import { serviceBackends } from './services.ts';

export type QType = 'A' | 'AAAA' | 'PTR' | 'SRV' | 'CNAME' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'ANY';
export type RCode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

export interface DnsRecord {
  /** Without the trailing dot, as clients print it. */
  name: string;
  type: QType;
  ttl: number;
  /** A/AAAA: the address; CNAME/PTR/NS: a name; SRV: `prio weight port target`. */
  data: string;
}

export interface DnsReply {
  rcode: RCode;
  /** Authoritative answer (the kubernetes and hosts plugins are). */
  aa: boolean;
  answers: DnsRecord[];
}

/** A reply, or nothing at all (the query was forwarded to an upstream nobody can reach). */
export type DnsOutcome = DnsReply | { drop: true };

export interface DnsEnv {
  view: NetView;
  /** Reads a file as the coredns container sees it (hosts files). */
  readFile?: (path: string) => string | undefined;
  /** Port the query arrived on (the server block's port). */
  port?: number;
  /** Shuffles answers (loadbalance); default: a random rotation. */
  rotate?: (n: number) => number;
}

const fq = (n: string) => (n.endsWith('.') ? n.toLowerCase() : n.toLowerCase() + '.');
const bare = (n: string) => n.replace(/\.$/, '');

function inZone(name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith('.' + zone);
}

function longestZone(name: string, zones: string[]): string | undefined {
  return zones.filter((z) => inZone(name, z)).sort((a, b) => b.length - a.length)[0];
}

const NX: DnsReply = { rcode: 'NXDOMAIN', aa: true, answers: [] };
const NODATA: DnsReply = { rcode: 'NOERROR', aa: true, answers: [] };

/** Answers one question as CoreDNS with Corefile `cf` would. */
export function answer(cf: Corefile, q: { name: string; type: QType }, env: DnsEnv, depth = 0): DnsOutcome {
  const port = env.port ?? 53;
  const name = fq(q.name);
  const candidates = cf.servers.filter((s) => s.port === port);
  const zone = longestZone(name, candidates.flatMap((s) => s.zones));
  const server = zone ? candidates.find((s) => s.zones.includes(zone)) : undefined;
  if (!server) return { rcode: 'REFUSED', aa: false, answers: [] };
  return runServer(cf, server, { name, type: q.type }, env, depth);
}

function directives(server: ServerBlock, name: string): Directive[] {
  return server.directives.filter((d) => d.name === name);
}

function runServer(cf: Corefile, server: ServerBlock, q: { name: string; type: QType }, env: DnsEnv, depth: number): DnsOutcome {
  const asked = q.name;
  let name = q.name;
  let answerRewrite: ((n: string) => string) | undefined;
  // rewrite: the first matching rule applies (rules default to `stop`)
  for (const d of directives(server, 'rewrite')) {
    const r = applyRewrite(d, name);
    if (r) {
      name = r.name;
      answerRewrite = r.answer ? () => bare(asked) : undefined;
      if (!r.cont) break;
    }
  }
  const out = chain(cf, server, { name, type: q.type }, env, depth);
  if ('drop' in out) return out;
  if (answerRewrite) out.answers = out.answers.map((a) => (a.name === bare(name) ? { ...a, name: answerRewrite(a.name) } : a));
  if (directives(server, 'loadbalance').length && out.answers.length > 1) {
    const k = (env.rotate ?? ((n) => Math.floor(Math.random() * n)))(out.answers.length);
    const a = out.answers.filter((x) => x.type === 'A' || x.type === 'AAAA');
    const rest = out.answers.filter((x) => x.type !== 'A' && x.type !== 'AAAA');
    if (a.length > 1) out.answers = [...rest, ...a.slice(k % a.length), ...a.slice(0, k % a.length)];
  }
  return out;
}

function applyRewrite(d: Directive, name: string): { name: string; answer: boolean; cont: boolean } | undefined {
  let args = [...d.args];
  let cont = false;
  if (args[0] === 'continue' || args[0] === 'stop') {
    cont = args[0] === 'continue';
    args = args.slice(1);
  }
  if (args[0] !== 'name') return undefined;
  args = args.slice(1);
  let mode = 'exact';
  if (['exact', 'prefix', 'suffix', 'substring', 'regex'].includes(args[0]) && args.length >= 3) mode = args.shift()!;
  const [from, to] = args;
  const answer = args.slice(2).includes('answer');
  let out: string | undefined;
  switch (mode) {
    case 'exact':
      if (fq(from) === name) out = fq(to);
      break;
    case 'prefix':
      if (name.startsWith(from.toLowerCase())) out = to.toLowerCase() + name.slice(from.length);
      break;
    case 'suffix': {
      const f = fq(from);
      if (name.endsWith(f)) out = name.slice(0, name.length - f.length) + fq(to);
      break;
    }
    case 'substring':
      if (name.includes(from.toLowerCase())) out = fq(name.replace(from.toLowerCase(), to.toLowerCase()));
      break;
    case 'regex': {
      try {
        const m = new RegExp(from, 'i').exec(name);
        if (m) out = fq(to.replace(/\{(\d+)\}/g, (_s, i) => m[Number(i)] ?? ''));
      } catch {
        // a bad expression matches nothing
      }
      break;
    }
  }
  return out ? { name: out, answer, cont } : undefined;
}

/** Top-level domains of the public internet (names under them are out of reach, not absent). */
const PUBLIC_TLDS = new Set(['com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'info', 'biz', 'co', 'ai', 'me', 'tv', 'gov', 'edu', 'mil', 'int',
  'us', 'uk', 'de', 'fr', 'eu', 'nl', 'be', 'ch', 'at', 'it', 'es', 'pl', 'se', 'no', 'dk', 'fi', 'ru', 'cn', 'jp', 'kr', 'in', 'br', 'au', 'ca',
  'ly', 'sh', 'gg', 'xyz', 'tech', 'online', 'site']);

function chain(cf: Corefile, server: ServerBlock, q: { name: string; type: QType }, env: DnsEnv, depth: number): DnsOutcome {
  for (const d of directives(server, 'hosts')) {
    const r = hostsPlugin(d, server, q, env);
    if (r) return r;
  }
  for (const d of directives(server, 'kubernetes')) {
    const r = kubernetesPlugin(cf, d, server, q, env, depth);
    if (r) return r;
  }
  for (const d of directives(server, 'forward')) {
    if (!inZone(q.name, fq(d.args[0] ?? '.'))) continue;
    // the node's upstream resolver: a name under a real top-level domain would need the internet,
    // which a session does not have (no reply); any other name cannot exist (NXDOMAIN at once)
    const tld = q.name.replace(/\.$/, '').split('.').pop()!.toLowerCase();
    return PUBLIC_TLDS.has(tld) ? { drop: true } : { rcode: 'NXDOMAIN', aa: false, answers: [] };
  }
  return { rcode: 'SERVFAIL', aa: false, answers: [] };
}

function fallsThrough(d: Directive, name: string): boolean {
  const ft = (d.block ?? []).find((p) => p.name === 'fallthrough');
  if (!ft) return false;
  return !ft.args.length || ft.args.some((z) => inZone(name, fq(z)));
}

function pluginZones(args: string[], server: ServerBlock): string[] {
  const zs = args.filter((a) => !a.startsWith('/') && !a.includes('/') && a !== '').map(fq);
  return zs.length ? zs : server.zones;
}

function ttlOf(d: Directive, def: number): number {
  const t = (d.block ?? []).find((p) => p.name === 'ttl');
  return t ? Number(t.args[0]) : def;
}

function hostsPlugin(d: Directive, server: ServerBlock, q: { name: string; type: QType }, env: DnsEnv): DnsReply | undefined {
  // hosts [FILE [ZONES…]]: the file defaults to /etc/hosts (of the coredns container)
  const file = d.args[0] ?? '/etc/hosts';
  const zones = pluginZones(d.args.slice(1), server);
  if (!longestZone(q.name, zones)) return undefined;
  const ttl = ttlOf(d, 3600);
  const entries: [string, string][] = [];
  const add = (line: string) => {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && isIPv4(ip)) for (const n of names) entries.push([ip, fq(n)]);
  };
  const text = env.readFile?.(file.startsWith('/') ? file : `/etc/coredns/${file}`);
  if (text) text.split('\n').forEach(add);
  for (const p of d.block ?? []) if (/^[\d.]+$/.test(p.name)) add([p.name, ...p.args].join(' '));
  if (q.type === 'PTR') {
    const ip = fromReverse(q.name);
    const hits = entries.filter(([i]) => i === ip);
    if (hits.length && !(d.block ?? []).some((p) => p.name === 'no_reverse')) return { rcode: 'NOERROR', aa: true, answers: hits.map(([, n]) => ({ name: bare(q.name), type: 'PTR', ttl, data: bare(n) })) };
  } else {
    const hits = entries.filter(([, n]) => n === q.name);
    if (hits.length) {
      return q.type === 'A' || q.type === 'ANY'
        ? { rcode: 'NOERROR', aa: true, answers: hits.map(([ip]) => ({ name: bare(q.name), type: 'A', ttl, data: ip })) }
        : NODATA;
    }
  }
  return fallsThrough(d, q.name) ? undefined : NX;
}

/** Endpoints of a headless Service as DNS names: [hostname label, address]. */
function headlessEndpoints(view: NetView, svc: KObject, podNames: boolean): [string, string][] {
  const ns = svc.metadata!.namespace;
  const out: [string, string][] = [];
  const slices = view.endpointSlices(ns, svc.metadata!.name);
  if (slices.length || view.endpointSlicesManaged) {
    for (const s of slices) {
      for (const ep of s.endpoints ?? []) {
        if (ep.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
        for (const ip of ep.addresses ?? []) {
          const label = podNames && ep.targetRef?.name ? ep.targetRef.name : ep.hostname ?? dashed(ip);
          if (!out.some(([, a]) => a === ip)) out.push([label, ip]);
        }
      }
    }
    return out;
  }
  for (const p of view.pods(ns)) {
    const ip = podIps(p)[0];
    if (!ip) continue;
    const port = (svc.spec?.ports ?? [])[0] ?? { port: 0 };
    if (!serviceBackends(view, svc, port).some((b) => b.ip === ip)) continue;
    const hostname = p.spec?.subdomain === svc.metadata!.name && p.spec?.hostname ? p.spec.hostname : undefined;
    out.push([podNames ? p.metadata!.name : hostname ?? dashed(ip), ip]);
  }
  return out;
}

function kubernetesPlugin(cf: Corefile, d: Directive, server: ServerBlock, q: { name: string; type: QType }, env: DnsEnv, depth: number): DnsOutcome | undefined {
  const zones = pluginZones(d.args, server);
  const zone = longestZone(q.name, zones);
  if (!zone) return undefined;
  const ttl = ttlOf(d, 5);
  const prop = (n: string) => (d.block ?? []).find((p) => p.name === n);
  const podsMode = prop('pods')?.args[0] ?? 'disabled';
  const nsFilter = prop('namespaces')?.args;
  const podNames = !!prop('endpoint_pod_names');
  const view = env.view;
  const nx = (): DnsReply | undefined => (fallsThrough(d, q.name) ? undefined : NX);
  const rec = (type: QType, data: string, name = bare(q.name)): DnsRecord => ({ name, type, ttl, data });
  const exposed = (ns: string) => !!view.namespace(ns) && (!nsFilter || nsFilter.includes(ns));

  if (zone.endsWith('in-addr.arpa.') || zone.endsWith('ip6.arpa.')) {
    if (q.type !== 'PTR') return nx();
    const ip = fromReverse(q.name);
    if (!ip) return nx();
    const k8sZone = zones.find((z) => !z.endsWith('.arpa.')) ?? 'cluster.local.';
    const svc = view.serviceByClusterIp(ip);
    if (svc && exposed(svc.metadata!.namespace)) return { rcode: 'NOERROR', aa: true, answers: [rec('PTR', `${svc.metadata!.name}.${svc.metadata!.namespace}.svc.${bare(k8sZone)}`)] };
    for (const s of view.services()) {
      if (s.spec?.clusterIP !== 'None' || !exposed(s.metadata!.namespace)) continue;
      const hit = headlessEndpoints(view, s, podNames).find(([, a]) => a === ip);
      if (hit) return { rcode: 'NOERROR', aa: true, answers: [rec('PTR', `${hit[0]}.${s.metadata!.name}.${s.metadata!.namespace}.svc.${bare(k8sZone)}`)] };
    }
    return nx();
  }

  const rest = q.name === zone ? [] : q.name.slice(0, q.name.length - zone.length - 1).split('.');
  if (!rest.length) return NODATA;
  const kind = rest[rest.length - 1];
  if (kind === 'pod') {
    if (rest.length === 1) return NODATA;
    if (rest.length !== 3 || podsMode === 'disabled' || !exposed(rest[1])) return nx();
    const ip = undashed(rest[0]);
    if (!ip) return nx();
    if (podsMode === 'verified' && !view.pods(rest[1]).some((p) => podIps(p).includes(ip))) return nx();
    return q.type === 'A' || q.type === 'ANY' ? { rcode: 'NOERROR', aa: true, answers: [rec('A', ip)] } : NODATA;
  }
  if (kind !== 'svc') return nx();
  if (rest.length === 1) return NODATA;
  const ns = rest[rest.length - 2];
  if (!exposed(ns)) return nx();
  if (rest.length === 2) return NODATA;
  // SRV: _port._proto.svc.ns.svc.zone
  if (rest.length === 5 && rest[0].startsWith('_') && rest[1].startsWith('_')) {
    const svc = view.service(ns, rest[2]);
    if (!svc) return nx();
    const proto = rest[1].slice(1).toUpperCase();
    const ports = (svc.spec?.ports ?? []).filter((p: any) => p.name === rest[0].slice(1) && (p.protocol ?? 'TCP') === proto);
    if (!ports.length) return nx();
    if (q.type !== 'SRV' && q.type !== 'ANY') return NODATA;
    const base = `${svc.metadata!.name}.${ns}.svc.${bare(zone)}`;
    const targets = svc.spec?.clusterIP === 'None' ? headlessEndpoints(view, svc, podNames).map(([h]) => `${h}.${base}`) : [base];
    return { rcode: 'NOERROR', aa: true, answers: ports.flatMap((p: any) => targets.map((t) => rec('SRV', `0 ${Math.floor(100 / targets.length)} ${p.port} ${t}`))) };
  }
  if (rest.length === 4) {
    const svc = view.service(ns, rest[1]);
    if (!svc || svc.spec?.clusterIP !== 'None') return nx();
    const hits = headlessEndpoints(view, svc, podNames).filter(([h]) => h === rest[0]);
    if (!hits.length) return nx();
    return q.type === 'A' || q.type === 'ANY' ? { rcode: 'NOERROR', aa: true, answers: hits.map(([, ip]) => rec('A', ip)) } : NODATA;
  }
  if (rest.length !== 3) return nx();
  const svc = view.service(ns, rest[0]);
  if (!svc) return nx();
  if (svc.spec?.type === 'ExternalName') {
    const target = bare(fq(svc.spec.externalName ?? ''));
    const cname = rec('CNAME', target);
    if (q.type === 'CNAME') return { rcode: 'NOERROR', aa: true, answers: [cname] };
    if (depth > 7) return { rcode: 'NOERROR', aa: true, answers: [cname] };
    const more = answer(cf, { name: target, type: q.type }, env, depth + 1);
    return { rcode: 'NOERROR', aa: true, answers: [cname, ...('drop' in more ? [] : more.answers)] };
  }
  if (q.type !== 'A' && q.type !== 'ANY') return NODATA;
  if (svc.spec?.clusterIP === 'None') {
    const eps = headlessEndpoints(view, svc, podNames);
    return eps.length ? { rcode: 'NOERROR', aa: true, answers: eps.map(([, ip]) => rec('A', ip)) } : nx();
  }
  const ips: string[] = (svc.spec?.clusterIPs ?? [svc.spec?.clusterIP]).filter((x: string) => x && isIPv4(x));
  return ips.length ? { rcode: 'NOERROR', aa: true, answers: ips.map((ip) => rec('A', ip)) } : NODATA;
}

export { toReverse };
