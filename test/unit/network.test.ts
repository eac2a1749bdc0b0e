// The network's decision engine against plain objects: CoreDNS answering from a Corefile,
// kube-proxy routing, NetworkPolicy verdicts, and whole connections through the Engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KObject } from '../../server/cluster/kinds/types.ts';
import { NetView, listerOf } from '../../server/cluster/network/view.ts';
import { checkCorefile, parseCorefile } from '../../server/cluster/network/corefile.ts';
import { answer, type DnsReply } from '../../server/cluster/network/dns.ts';
import { routeService } from '../../server/cluster/network/services.ts';
import { policyAllows } from '../../server/cluster/network/policy.ts';
import { Engine, type Serves } from '../../server/cluster/network/engine.ts';
import { inCidr } from '../../server/cluster/network/ip.ts';

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const ns = (name: string, labels: Record<string, string> = {}): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } });
const node = (name: string, ip: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { addresses: [{ type: 'InternalIP', address: ip }] } });
function pod(nsName: string, name: string, ip: string, labels: Record<string, string>, image: string, o: { ready?: boolean; node?: string; ports?: any[]; hostname?: string; subdomain?: string } = {}): KObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: nsName, uid: `uid-${name}`, labels },
    spec: { nodeName: o.node ?? 'node01', hostname: o.hostname, subdomain: o.subdomain, containers: [{ name: 'c', image, ports: o.ports ?? [] }] },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}
function svc(nsName: string, name: string, spec: any): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: nsName, uid: `svc-${name}` }, spec: { type: 'ClusterIP', ...spec } };
}
function slice(nsName: string, svcName: string, ports: any[], eps: { ip: string; ready?: boolean; hostname?: string }[]): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${svcName}-abc`, namespace: nsName, labels: { 'kubernetes.io/service-name': svcName } },
    addressType: 'IPv4', ports, endpoints: eps.map((e) => ({ addresses: [e.ip], hostname: e.hostname, conditions: { ready: e.ready !== false } })),
  };
}
const policy = (nsName: string, name: string, spec: any): KObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: nsName }, spec });

function world(extra: KObject[] = []): KObject[] {
  return [
    ns('default'), ns('kube-system'), ns('prod', { env: 'prod' }),
    node('controlplane', '172.30.1.2'), node('node01', '172.30.2.2'),
    pod('default', 'web', '192.168.1.10', { app: 'web' }, 'nginx:1.27', { ports: [{ name: 'http', containerPort: 80 }] }),
    pod('default', 'client', '192.168.1.11', { app: 'client' }, 'busybox'),
    pod('prod', 'api', '192.168.1.12', { app: 'api' }, 'nginx'),
    pod('kube-system', 'coredns-1', '192.168.0.5', { 'k8s-app': 'kube-dns' }, 'registry.k8s.io/coredns/coredns:v1.12.1', { node: 'controlplane' }),
    pod('default', 'db-0', '192.168.1.20', { app: 'db' }, 'redis', { hostname: 'db-0', subdomain: 'db' }),
    svc('default', 'web', { clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'], selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] }),
    slice('default', 'web', [{ name: 'http', port: 80, protocol: 'TCP' }], [{ ip: '192.168.1.10' }]),
    svc('default', 'empty', { clusterIP: '10.96.0.51', selector: { app: 'none' }, ports: [{ port: 80, targetPort: 80 }] }),
    svc('default', 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'redis', port: 6379 }] }),
    slice('default', 'db', [{ name: 'redis', port: 6379, protocol: 'TCP' }], [{ ip: '192.168.1.20', hostname: 'db-0' }]),
    svc('default', 'ext', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }),
    svc('default', 'np', { clusterIP: '10.96.0.52', type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 80, nodePort: 30080 }] }),
    slice('default', 'np', [{ name: 'http', port: 80, protocol: 'TCP' }], [{ ip: '192.168.1.10' }]),
    svc('kube-system', 'kube-dns', { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }] }),
    slice('kube-system', 'kube-dns', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }], [{ ip: '192.168.0.5' }]),
    ...extra,
  ];
}

const view = (extra: KObject[] = []) => new NetView(listerOf(world(extra)));
const q = (v: NetView, name: string, type: any = 'A', cf = COREFILE) => answer(parseCorefile(cf), { name, type }, { view: v, rotate: () => 0 }) as DnsReply;

test('ipBlock CIDR arithmetic', () => {
  assert.ok(inCidr('10.0.5.1', '10.0.0.0/16'));
  assert.ok(!inCidr('10.1.0.1', '10.0.0.0/16'));
  assert.ok(inCidr('1.2.3.4', '0.0.0.0/0'));
});

test('Corefile: kubeadm default parses; errors as CoreDNS prints them', () => {
  const cf = parseCorefile(COREFILE);
  assert.equal(cf.servers.length, 1);
  assert.deepEqual(cf.servers[0].zones, ['.']);
  assert.equal(cf.servers[0].port, 53);
  assert.equal(checkCorefile(COREFILE), undefined);
  assert.equal(checkCorefile(COREFILE.replace('loadbalance', 'loadbalancer')), "/etc/coredns/Corefile:19 - Error during parsing: Unknown directive 'loadbalancer'");
  assert.match(checkCorefile(COREFILE.replace('pods insecure', 'pods sometimes'))!, /^plugin\/kubernetes: \/etc\/coredns\/Corefile:8 - Error during parsing: invalid value for pods/);
  assert.match(checkCorefile(COREFILE.slice(0, -2))!, /Unexpected EOF/);
  assert.match(checkCorefile('.:53 {\n  forward\n}\n')!, /Wrong argument count or unexpected line ending after 'forward'/);
});

test('DNS: Services, headless, StatefulSet hostnames, pods, ExternalName, PTR', () => {
  const v = view();
  assert.deepEqual(q(v, 'web.default.svc.cluster.local').answers.map((a) => [a.name, a.data, a.ttl]), [['web.default.svc.cluster.local', '10.96.0.50', 30]]);
  assert.equal(q(v, 'nope.default.svc.cluster.local').rcode, 'NXDOMAIN');
  assert.equal(q(v, 'web.svc.cluster.local').rcode, 'NXDOMAIN');
  assert.equal(q(v, 'web.default.svc.cluster.local', 'AAAA').rcode, 'NOERROR');
  assert.equal(q(v, 'web.default.svc.cluster.local', 'AAAA').answers.length, 0);
  assert.deepEqual(q(v, 'db.default.svc.cluster.local').answers.map((a) => a.data), ['192.168.1.20']);
  assert.deepEqual(q(v, 'db-0.db.default.svc.cluster.local').answers.map((a) => a.data), ['192.168.1.20']);
  assert.deepEqual(q(v, '192-168-1-11.default.pod.cluster.local').answers.map((a) => a.data), ['192.168.1.11']);
  assert.equal(q(v, '192-168-1-11.default.pod.cluster.local', 'A', COREFILE.replace('pods insecure', 'pods disabled')).rcode, 'NXDOMAIN');
  const ext = q(v, 'ext.default.svc.cluster.local');
  assert.deepEqual(ext.answers.map((a) => [a.type, a.data]), [['CNAME', 'web.default.svc.cluster.local'], ['A', '10.96.0.50']]);
  assert.deepEqual(q(v, '50.0.96.10.in-addr.arpa', 'PTR').answers.map((a) => a.data), ['web.default.svc.cluster.local']);
  assert.deepEqual(q(v, '_http._tcp.web.default.svc.cluster.local', 'SRV').answers.map((a) => a.data), ['0 100 80 web.default.svc.cluster.local']);
  // outside the cluster: forwarded to an upstream nobody reaches
  assert.deepEqual(answer(parseCorefile(COREFILE), { name: 'kubernetes.io', type: 'A' }, { view: v }), { drop: true });
});

test('DNS: rewrite and hosts plugins; plugin order is CoreDNS\'s, not the file\'s', () => {
  const v = view();
  const cf = COREFILE.replace('    errors\n', '    errors\n    rewrite name api.example.com web.default.svc.cluster.local\n    hosts {\n       10.1.2.3 legacy.example.com\n       fallthrough\n    }\n');
  assert.deepEqual(q(v, 'api.example.com', 'A', cf).answers.map((a) => [a.name, a.data]), [['web.default.svc.cluster.local', '10.96.0.50']]);
  assert.deepEqual(q(v, 'legacy.example.com', 'A', cf).answers.map((a) => a.data), ['10.1.2.3']);
  assert.deepEqual(q(v, 'web.default.svc.cluster.local', 'A', cf).answers.map((a) => a.data), ['10.96.0.50']);
  const noFall = COREFILE.replace('    errors\n', '    errors\n    hosts {\n       10.1.2.3 legacy.example.com\n    }\n');
  assert.equal(q(v, 'web.default.svc.cluster.local', 'A', noFall).rcode, 'NXDOMAIN');
});

test('kube-proxy: ClusterIP to ready endpoint on targetPort; no endpoints → reject; unknown port → drop; NodePort', () => {
  const v = view();
  const r = routeService(v, { srcIp: '192.168.1.11', dstIp: '10.96.0.50', port: 80, proto: 'TCP' });
  assert.equal(r.kind, 'backend');
  assert.deepEqual(r.kind === 'backend' && [r.backend.ip, r.backend.port], ['192.168.1.10', 80]);
  assert.equal(routeService(v, { srcIp: '192.168.1.11', dstIp: '10.96.0.51', port: 80, proto: 'TCP' }).kind, 'reject');
  assert.equal(routeService(v, { srcIp: '192.168.1.11', dstIp: '10.96.0.50', port: 81, proto: 'TCP' }).kind, 'drop');
  const np = routeService(v, { srcIp: '192.168.1.11', dstIp: '172.30.1.2', port: 30080, proto: 'TCP' });
  assert.deepEqual(np.kind === 'backend' && [np.backend.ip, np.backend.port], ['192.168.1.10', 80]);
  assert.equal(routeService(v, { srcIp: '192.168.1.11', dstIp: '192.168.1.10', port: 80, proto: 'TCP' }).kind, 'direct');
  // not-ready endpoints are skipped
  const v2 = new NetView(listerOf(world().map((o) => (o.kind === 'EndpointSlice' && o.metadata!.name === 'web-abc' ? slice('default', 'web', o.ports, [{ ip: '192.168.1.10', ready: false }]) : o))));
  assert.equal(routeService(v2, { srcIp: '192.168.1.11', dstIp: '10.96.0.50', port: 80, proto: 'TCP' }).kind, 'reject');
  // without an EndpointSlice controller: selector + ready pods, named targetPort resolved
  const v3 = new NetView(listerOf(world().filter((o) => o.kind !== 'EndpointSlice')), false);
  const r3 = routeService(v3, { srcIp: '192.168.1.11', dstIp: '10.96.0.50', port: 80, proto: 'TCP' });
  assert.deepEqual(r3.kind === 'backend' && [r3.backend.ip, r3.backend.port], ['192.168.1.10', 80]);
});

test('NetworkPolicy: default deny, podSelector, namespaceSelector, ipBlock, ports, egress and DNS', () => {
  const web = (v: NetView) => ({ ip: '192.168.1.10', pod: v.podByIp('192.168.1.10') });
  const client = (v: NetView) => ({ ip: '192.168.1.11', pod: v.podByIp('192.168.1.11') });
  const api = (v: NetView) => ({ ip: '192.168.1.12', pod: v.podByIp('192.168.1.12') });
  let v = view();
  assert.ok(policyAllows(v, client(v), web(v), 80, 'TCP').allowed, 'no policy: open');
  v = view([policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
  assert.deepEqual(policyAllows(v, client(v), web(v), 80, 'TCP'), { allowed: false, deniedBy: 'ingress' });
  v = view([policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }), policy('default', 'allow-client', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 'http' }] }] })]);
  assert.ok(policyAllows(v, client(v), web(v), 80, 'TCP').allowed, 'allowed by podSelector on the named port');
  assert.ok(!policyAllows(v, client(v), web(v), 81, 'TCP').allowed, 'other port');
  assert.ok(!policyAllows(v, client(v), web(v), undefined, 'ICMP').allowed, 'a rule with ports does not allow ICMP');
  assert.ok(!policyAllows(v, api(v), web(v), 80, 'TCP').allowed, 'podSelector alone means the policy namespace');
  v = view([policy('default', 'from-prod', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'api' } } }] }] })]);
  assert.ok(policyAllows(v, api(v), web(v), 80, 'TCP').allowed);
  assert.ok(!policyAllows(v, client(v), web(v), 80, 'TCP').allowed);
  v = view([policy('default', 'cidr', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24', except: ['192.168.1.11/32'] } }], ports: [{ port: 70, endPort: 90, protocol: 'TCP' }] }] })]);
  assert.ok(policyAllows(v, api(v), web(v), 80, 'TCP').allowed);
  assert.ok(!policyAllows(v, client(v), web(v), 80, 'TCP').allowed, 'except');
  assert.ok(!policyAllows(v, api(v), web(v), 91, 'TCP').allowed, 'beyond endPort');
  // egress restricted: DNS needs its own allow
  const dns = (vv: NetView) => ({ ip: '192.168.0.5', pod: vv.podByIp('192.168.0.5') });
  v = view([policy('default', 'egress-web', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }] })]);
  assert.ok(policyAllows(v, client(v), web(v), 80, 'TCP').allowed);
  assert.deepEqual(policyAllows(v, client(v), dns(v), 53, 'UDP'), { allowed: false, deniedBy: 'egress' });
  v = view([policy('default', 'egress-web', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }, { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] })]);
  assert.ok(policyAllows(v, client(v), dns(v), 53, 'UDP').allowed);
  // policyTypes defaulted from the rules: egress present → Egress too
  v = view([policy('default', 'implicit', { podSelector: { matchLabels: { app: 'client' } }, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })]);
  assert.ok(!policyAllows(v, client(v), web(v), 80, 'TCP').allowed);
});

test('Engine: connections, pings and DNS through kube-proxy, policy and containers', () => {
  const root = mkdtempSync(join(tmpdir(), 'kd-net-'));
  mkdirSync(join(root, 'coredns/etc/coredns'), { recursive: true });
  writeFileSync(join(root, 'coredns/etc/coredns/Corefile'), COREFILE);
  const running = new Set(['uid-web/c', 'uid-coredns-1/c', 'uid-api/c']);
  const serves = (image: string): Serves[] => (image.startsWith('nginx') ? [{ port: 80, app: 'http' }] : image.includes('coredns') ? [{ port: 53, protocol: 'UDP', app: 'dns' }] : []);
  const objs = world();
  const core = objs.find((o) => o.metadata?.name === 'coredns-1')!;
  core.spec.containers[0].args = ['-conf', '/etc/coredns/Corefile'];
  let v = new NetView(listerOf(objs));
  const mk = (vv: NetView) => new Engine(vv, {
    containers: { rootfs: (uid) => (uid === 'uid-coredns-1' ? join(root, 'coredns') : undefined), running: (uid, c) => running.has(`${uid}/${c}`) },
    serves, now: () => Date.now(),
  });
  let e = mk(v);
  const client = e.source({ pod: 'uid-client' })!;
  assert.equal(client.ip, '192.168.1.11');
  const c = e.connect(client, '10.96.0.50', 80);
  assert.equal(c.kind, 'ok');
  assert.equal(c.kind === 'ok' && c.target.kind, 'app');
  assert.equal(e.connect(client, '10.96.0.51', 80).kind, 'refused', 'no endpoints');
  assert.equal(e.connect(client, '192.168.1.10', 8080).kind, 'refused', 'nothing on that port');
  assert.equal(e.connect(client, '192.168.1.99', 80).kind, 'drop', 'nobody owns the address');
  running.delete('uid-web/c');
  assert.equal(e.connect(client, '192.168.1.10', 80).kind, 'refused', 'container not running');
  running.add('uid-web/c');
  assert.deepEqual(e.ping(client, '192.168.1.10'), { reply: true, ttl: 64 });
  assert.equal(e.ping(client, '10.96.0.50').reply, false, 'ClusterIPs do not answer ping');
  const dns = e.dns(client, '10.96.0.10', 53, { name: 'web.default.svc.cluster.local', type: 'A' });
  assert.deepEqual('answers' in dns && dns.answers.map((a) => a.data), ['10.96.0.50']);
  // nc -l in a pod
  assert.ok(e.listen({ podUid: 'uid-client', port: 9000, proto: 'TCP' }));
  const l = e.connect(e.source({ pod: 'uid-web' })!, '192.168.1.11', 9000);
  assert.equal(l.kind === 'ok' && l.target.kind, 'listener');
  assert.ok(!e.listen({ podUid: 'uid-web', port: 80, proto: 'TCP' }), 'nginx already has port 80');
  // policy: denied → dropped, not refused
  v = new NetView(listerOf([...objs, policy('default', 'deny', { podSelector: {} })]));
  e = mk(v);
  assert.equal(e.connect(e.source({ pod: 'uid-client' })!, '10.96.0.50', 80).kind, 'drop');
  assert.equal(e.ping(e.source({ pod: 'uid-client' })!, '192.168.1.10').reply, false);
  // no ready CoreDNS: kube-dns rejects
  v = new NetView(listerOf(objs.filter((o) => !(o.kind === 'EndpointSlice' && o.metadata!.name === 'kube-dns-abc'))));
  e = mk(v);
  assert.deepEqual(e.dns(e.source({ pod: 'uid-client' })!, '10.96.0.10', 53, { name: 'web.default.svc.cluster.local', type: 'A' }), { refused: true });
});
