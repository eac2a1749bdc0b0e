// The simulated network seen from inside pods with the real kubectl: DNS through CoreDNS's
// Corefile, Services through kube-proxy semantics, NetworkPolicy drops, busybox-like applets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;

const SETUP = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  replicas: 1
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers:
      - name: coredns
        image: registry.k8s.io/coredns/coredns:v1.12.1
        args: ["-conf", "/etc/coredns/Corefile"]
        volumeMounts: [{name: config-volume, mountPath: /etc/coredns, readOnly: true}]
      tolerations: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
      volumes:
      - name: config-volume
        configMap: {name: coredns, items: [{key: Corefile, path: Corefile}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers: [{name: nginx, image: nginx:1.27, ports: [{name: http, containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec: {selector: {app: nobody}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec:
  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
`;

async function waitReady(names: string[], ns = 'default', ms = 60000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const out = c.kubectl(`get pods -n ${ns} -o jsonpath='{range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'`).stdout;
    if (names.every((n) => out.split('\n').some((l) => l.startsWith(n) && l.endsWith('True')))) return;
    if (Date.now() > end) throw new Error(`pods not ready: ${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const inClient = (cmd: string) => c.kubectl(`exec client -- ${cmd}`);

before(async () => {
  c = await TestCluster.create('net', 1);
  c.k('apply -f -', SETUP);
  await waitReady(['web', 'client']);
  await waitReady(['coredns-'], 'kube-system');
});

after(async () => {
  await c?.delete();
});

test('wget through a Service name: DNS via CoreDNS, kube-proxy to the nginx pod', () => {
  const t0 = Date.now();
  const r = inClient('wget -qO- --timeout=5 http://web');
  const ms = Date.now() - t0;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
  console.log(`kubectl exec + wget through Service: ${ms} ms`);
  const s = inClient('wget -S --spider http://web.default.svc.cluster.local/');
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stderr, /Connecting to web\.default\.svc\.cluster\.local \(10\.\d+\.\d+\.\d+:80\)/);
  assert.match(s.stderr, /HTTP\/1\.1 200 OK/);
  assert.match(s.stderr, /remote file exists/);
  const nf = inClient('wget -qO- http://web/missing.html');
  assert.equal(nf.code, 1);
  assert.equal(nf.stderr.split('\n')[0], 'wget: server returned error: HTTP/1.1 404 Not Found');
});

test('nslookup prints busybox\'s format; unknown names NXDOMAIN', () => {
  const ip = c.k("get svc web -o jsonpath='{.spec.clusterIP}'").trim();
  const r = inClient('nslookup web');
  assert.match(r.stdout, /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\n/);
  assert.ok(r.stdout.includes(`Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n`), r.stdout);
  assert.match(r.stdout, /\*\* server can't find web\.svc\.cluster\.local: NXDOMAIN/);
  const full = inClient('nslookup web.default.svc.cluster.local');
  assert.equal(full.code, 0, full.stdout);
  const bad = inClient('wget -qO- -T 2 http://no-such-svc');
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.split('\n')[0], "wget: bad address 'no-such-svc'");
});

test('a Service without endpoints refuses; nc -zv reports open ports', () => {
  const ip = c.k("get svc nobody -o jsonpath='{.spec.clusterIP}'").trim();
  const r = inClient('wget -qO- -T 2 http://nobody');
  assert.equal(r.code, 1);
  assert.equal(r.stderr.split('\n')[0], `wget: can't connect to remote host (${ip}): Connection refused`);
  const web = c.k("get svc web -o jsonpath='{.spec.clusterIP}'").trim();
  const nc = inClient('nc -zv -w 2 web 80');
  assert.equal(nc.code, 0, nc.stderr);
  assert.equal(nc.stderr.trim(), `web (${web}:80) open`);
  const podIp = c.k("get pod web -o jsonpath='{.status.podIP}'").trim();
  const p = inClient(`ping -c 1 ${podIp}`);
  assert.equal(p.code, 0, p.stdout);
  assert.match(p.stdout, /1 packets transmitted, 1 packets received, 0% packet loss/);
});

test('NetworkPolicy: a default deny makes connections time out, an allow opens them again', () => {
  c.k('apply -f -', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {matchLabels: {app: web}}}\n');
  const t0 = Date.now();
  const r = inClient('wget -qO- -T 2 http://web');
  assert.equal(r.code, 1);
  assert.equal(r.stderr.split('\n')[0], 'wget: download timed out');
  assert.ok(Date.now() - t0 >= 2000);
  c.k('apply -f -', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-client}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: client}}}]\n    ports: [{port: http}]\n');
  const ok = inClient('wget -qO- -T 2 http://web');
  assert.equal(ok.code, 0, ok.stderr);
});
