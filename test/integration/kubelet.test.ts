// The simulated kubelets and container runtime, seen through the real kubectl: pods run real
// processes, report upstream's statuses and events, logs and exec work, failures crash-loop or
// back off, volumes and static pods behave as on a kubeadm node.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestCluster } from '../helpers/cluster.ts';

let c: TestCluster;

async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function pod(name: string): any {
  return JSON.parse(c.k(`get pod ${name} -o json`));
}

function status(name: string): string {
  return c.k(`get pod ${name} --no-headers`).trim().split(/\s+/)[2];
}

describe('kubelet', { timeout: 240000 }, () => {
  before(async () => {
    c = await TestCluster.create('kl', 1, { clockSpeed: 10 });
  });
  after(async () => {
    await c?.delete();
  });

  it('runs a pod: Running, IPs, container status, events', async () => {
    c.k('run web --image=nginx:1.27');
    const p = await waitFor('web Running and Ready', () => {
      const p = pod('web');
      return p.status.phase === 'Running' && p.status.conditions?.find((x: any) => x.type === 'Ready')?.status === 'True' && p;
    });
    assert.match(p.status.podIP, /^192\.168\.1\.\d+$/);
    assert.notEqual(p.status.podIP, '192.168.1.1');
    assert.equal(p.status.hostIP, '172.30.2.2');
    assert.deepEqual(p.status.conditions.map((x: any) => x.type), ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    const cs = p.status.containerStatuses[0];
    assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
    assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.equal(cs.image, 'docker.io/library/nginx:1.27');
    assert.ok(cs.state.running.startedAt);
    assert.equal(cs.ready, true);
    assert.equal(cs.started, true);
    const ev = c.k(`get events --field-selector involvedObject.name=web -o jsonpath='{range .items[*]}{.reason}|{.message}{"\\n"}{end}'`);
    assert.match(ev, /^Pulling\|Pulling image "nginx:1.27"$/m);
    assert.match(ev, /^Pulled\|Successfully pulled image "nginx:1.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72195292 bytes\.$/m);
    assert.match(ev, /^Created\|Created container: web$/m);
    assert.match(ev, /^Started\|Started container web$/m);
  });

  it('logs and exec reach the real container', async () => {
    c.k(`run talk --image=busybox:1.36 -- sh -c 'echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three; sleep 3600'`);
    await waitFor('talk Running', () => status('talk') === 'Running');
    const logs = await waitFor('logs', () => {
      const l = c.k('logs talk');
      return l.includes('three') && l;
    });
    assert.equal(logs, 'one\ntwo\nthree\n');
    assert.equal(c.k('logs talk --tail=1'), 'three\n');
    assert.match(c.k('logs talk --timestamps').split('\n')[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z one$/);
    assert.equal(c.k('exec talk -- cat /etc/hostname'), 'talk\n');
    assert.match(c.k('exec talk -- cat /etc/resolv.conf'), /search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local\nnameserver 10\.96\.0\.10\noptions ndots:5/);
    const ps = c.k('exec talk -- ps');
    assert.match(ps, /^\s+1 root\s+sleep 3600$/m);
    const r = c.kubectl('exec talk -- sh -c "exit 3"');
    assert.equal(r.code, 3);
    assert.match(r.stderr, /command terminated with exit code 3/);
    const nf = c.kubectl('exec talk -- nothere');
    assert.notEqual(nf.code, 0);
    assert.match(nf.stderr, /exec: "nothere": executable file not found in \$PATH/);
    // stdin is passed through
    assert.equal(c.k('exec -i talk -- cat', 'piped\n'), 'piped\n');
    const env = c.k('exec talk -- env');
    assert.match(env, /^KUBERNETES_SERVICE_HOST=10\.96\.0\.1$/m);
    assert.match(env, /^HOSTNAME=talk$/m);
  });

  it('crash-loops a failing container and keeps its previous log', async () => {
    c.k(`run crash --image=busybox:1.36 -- sh -c 'echo boom; exit 1'`);
    const p = await waitFor('CrashLoopBackOff', () => {
      const p = pod('crash');
      const w = p.status.containerStatuses?.[0]?.state?.waiting;
      return w?.reason === 'CrashLoopBackOff' && p;
    }, 60000);
    const cs = p.status.containerStatuses[0];
    assert.match(cs.state.waiting.message, new RegExp(`^back-off \\d+s restarting failed container=crash pod=crash_default\\(${p.metadata.uid}\\)$`));
    assert.ok(cs.restartCount >= 1);
    assert.equal(cs.lastState.terminated.exitCode, 1);
    assert.equal(cs.lastState.terminated.reason, 'Error');
    assert.equal(p.status.phase, 'Running');
    assert.equal(c.k('logs crash --previous'), 'boom\n');
    const ev = c.k('get events --field-selector involvedObject.name=crash,reason=BackOff -o jsonpath={.items[0].message}');
    assert.equal(ev, `Back-off restarting failed container crash in pod crash_default(${p.metadata.uid})`);
  });

  it('reports an unknown image tag as ErrImagePull / ImagePullBackOff', async () => {
    c.k('run badtag --image=nginx:1.277');
    const st = await waitFor('image pull failure', () => {
      const s = status('badtag');
      return (s === 'ErrImagePull' || s === 'ImagePullBackOff') && s;
    });
    assert.ok(st);
    const ev = c.k(`get events --field-selector involvedObject.name=badtag,reason=Failed -o jsonpath='{range .items[*]}{.message}{"\\n"}{end}'`);
    assert.match(ev, /^Failed to pull image "nginx:1\.277": rpc error: code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:1\.277": failed to resolve reference "docker\.io\/library\/nginx:1\.277": docker\.io\/library\/nginx:1\.277: not found$/m);
    assert.match(ev, /^Error: ErrImagePull$/m);
    await waitFor('ImagePullBackOff', () => status('badtag') === 'ImagePullBackOff');
    const r = c.kubectl('logs badtag');
    assert.match(r.stderr, /container "badtag" in pod "badtag" is waiting to start: trying and failing to pull image/);
  });

  it('runs to completion with restartPolicy Never', async () => {
    c.k(`run done --image=busybox --restart=Never -- sh -c 'echo finished'`);
    await waitFor('Completed', () => status('done') === 'Completed');
    const p = pod('done');
    assert.equal(p.status.phase, 'Succeeded');
    assert.equal(p.status.containerStatuses[0].state.terminated.reason, 'Completed');
    assert.equal(p.status.containerStatuses[0].state.terminated.exitCode, 0);
    assert.equal(c.k('logs done'), 'finished\n');
    c.k(`run fail --image=busybox --restart=Never -- sh -c 'exit 2'`);
    await waitFor('Error', () => status('fail') === 'Error');
    assert.equal(pod('fail').status.phase, 'Failed');
  });

  it('mounts configMaps, secrets and emptyDirs; env from references; FailedMount for a missing configMap', async () => {
    c.k('create configmap app --from-literal=greeting=hello --from-literal=color=blue');
    c.k('create secret generic pw --from-literal=password=s3cret');
    c.k('apply -f -', `apiVersion: v1
kind: Pod
metadata: {name: vols}
spec:
  containers:
  - name: a
    image: busybox
    command: [sh, -c, 'echo shared > /data/x; sleep 3600']
    env:
    - {name: COLOR, valueFrom: {configMapKeyRef: {name: app, key: color}}}
    - {name: PASS, valueFrom: {secretKeyRef: {name: pw, key: password}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
    - {name: sec, mountPath: /etc/sec, readOnly: true}
    - {name: data, mountPath: /data}
  - name: b
    image: busybox
    command: [sleep, '3600']
    volumeMounts:
    - {name: data, mountPath: /shared}
  volumes:
  - {name: cfg, configMap: {name: app}}
  - {name: sec, secret: {secretName: pw}}
  - {name: data, emptyDir: {}}
`);
    await waitFor('vols Running', () => status('vols') === 'Running');
    assert.equal(c.k('exec vols -c a -- cat /etc/cfg/greeting'), 'hello');
    assert.equal(c.k('exec vols -c a -- cat /etc/sec/password'), 's3cret');
    assert.match(c.k('exec vols -c a -- ls -a /etc/cfg'), /\.\.data/);
    assert.match(c.k('exec vols -c a -- env'), /^COLOR=blue$/m);
    assert.match(c.k('exec vols -c a -- env'), /^PASS=s3cret$/m);
    assert.match(c.k('exec vols -c a -- env'), /^NODE=node01$/m);
    assert.equal(await waitFor('shared emptyDir', () => c.k('exec vols -c b -- cat /shared/x')), 'shared\n');
    c.k(`run nocm --image=busybox --overrides='{"spec":{"containers":[{"name":"nocm","image":"busybox","command":["sleep","3600"],"volumeMounts":[{"name":"v","mountPath":"/v"}]}],"volumes":[{"name":"v","configMap":{"name":"missing"}}]}}'`);
    const ev = await waitFor('FailedMount', () => c.k('get events --field-selector involvedObject.name=nocm,reason=FailedMount -o jsonpath={.items[0].message}'));
    assert.equal(ev, 'MountVolume.SetUp failed for volume "v" : configmap "missing" not found');
    assert.equal(status('nocm'), 'ContainerCreating');
  });

  it('shows init containers in STATUS and runs them first', async () => {
    c.k('apply -f -', `apiVersion: v1
kind: Pod
metadata: {name: withinit}
spec:
  initContainers:
  - {name: wait, image: busybox, command: [sh, -c, 'sleep 20; echo init done']}
  containers:
  - {name: main, image: busybox, command: [sleep, '3600']}
`);
    await waitFor('Init:0/1', () => status('withinit') === 'Init:0/1');
    await waitFor('Running', () => status('withinit') === 'Running', 60000);
    assert.equal(c.k('logs withinit -c wait'), 'init done\n');
  });

  it('runs the control plane as static pods with mirror pods, recreated when deleted', async () => {
    const names = ['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane'];
    for (const n of names) {
      await waitFor(`${n} Running`, () => {
        const p = JSON.parse(c.k(`get pod -n kube-system ${n} -o json`));
        return p.status.phase === 'Running' && p;
      });
    }
    const p = JSON.parse(c.k('get pod -n kube-system etcd-controlplane -o json'));
    assert.equal(p.metadata.annotations['kubernetes.io/config.source'], 'file');
    assert.match(p.metadata.annotations['kubernetes.io/config.mirror'], /^[0-9a-f]{32}$/);
    assert.equal(p.metadata.annotations['kubernetes.io/config.hash'], p.metadata.annotations['kubernetes.io/config.mirror']);
    assert.deepEqual(p.metadata.ownerReferences.map((o: any) => `${o.kind}/${o.name}`), ['Node/controlplane']);
    c.k('delete pod -n kube-system kube-scheduler-controlplane');
    await waitFor('mirror recreated', () => c.kubectl('get pod -n kube-system kube-scheduler-controlplane').code === 0);
  });

  it('deletes a bound pod gracefully, and at once with --force', async () => {
    c.k(`run term --image=busybox -- sh -c 'trap "echo bye; exit 0" TERM; sleep 3600 & wait'`);
    await waitFor('term Running', () => status('term') === 'Running');
    const r = c.kubectl('delete pod term --wait=false');
    assert.equal(r.code, 0);
    await waitFor('term gone', () => c.kubectl('get pod term').code !== 0);
    const ev = c.k(`get events --field-selector involvedObject.name=term,reason=Killing -o jsonpath='{.items[0].message}'`);
    assert.equal(ev, 'Stopping container term');
    c.k('run forced --image=busybox -- sleep 3600');
    await waitFor('forced Running', () => status('forced') === 'Running');
    c.k('delete pod forced --grace-period=0 --force');
    assert.notEqual(c.kubectl('get pod forced').code, 0);
  });
});
