// The core group (/api/v1): Pod and the shared pod-template rules, Service, Node, Namespace,
// storage claims and the small configuration kinds. Facts (names, defaults, columns, error texts)
// follow kube-apiserver 1.35; the code is ours.
import { randomBytes } from 'node:crypto';
import { InvalidObject, type ColumnDef, type FieldError, type KindDef, type KObject, type StrategyContext } from './types.ts';
import { accessModesString, ageCol, col, formatLabels, nameCol, since, templateCols, replicaCountCols } from './format.ts';
import {
  deepEqual, duplicate, forbidden, immutable, invalid, isDNS1123Label, isDNS1123Subdomain, isQualifiedName,
  isValidPortName, isValidPortNum, nonNegative, notSupported, required, selectorMismatch, validateLabels,
  validateObjectMeta, validateObjectMetaUpdate, type NameRule,
} from './validation.ts';

// ======================================================================================
// Shared helpers
// ======================================================================================

const RFC3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export { RFC3339 as rfc3339 };

function ensure(obj: any, key: string): any {
  if (obj[key] == null || typeof obj[key] !== 'object') obj[key] = {};
  return obj[key];
}
function setDefault(obj: any, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** Validation for create: object metadata plus the kind's own rules. */
export function metaThen(namespaced: boolean, rule: NameRule, rest?: (o: KObject, ctx: StrategyContext) => FieldError[]) {
  return (o: KObject, ctx: StrategyContext): FieldError[] => [...validateObjectMeta(o, namespaced, rule), ...(rest ? rest(o, ctx) : [])];
}
/** Validation for update: metadata immutability plus the kind's own rules. */
export function metaUpdateThen(rest?: (o: KObject, old: KObject, ctx: StrategyContext) => FieldError[]) {
  return (o: KObject, old: KObject, ctx: StrategyContext): FieldError[] => [...validateObjectMetaUpdate(o, old), ...(rest ? rest(o, old, ctx) : [])];
}

// ======================================================================================
// Pod spec: defaults (SetDefaults_PodSpec, _Container, _Probe, _Volume, …) shared by every
// kind that embeds a pod template.
// ======================================================================================

/** Always for `:latest` or an untagged image without digest; otherwise IfNotPresent. */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  const img = image ?? '';
  if (img.includes('@')) return 'IfNotPresent';
  const lastSlash = img.lastIndexOf('/');
  const tail = img.slice(lastSlash + 1);
  const colon = tail.lastIndexOf(':');
  if (colon < 0) return 'Always';
  return tail.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: any): void {
  if (!p || typeof p !== 'object') return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  if (p.httpGet) {
    setDefault(p.httpGet, 'path', '/');
    setDefault(p.httpGet, 'scheme', 'HTTP');
  }
  if (p.grpc) setDefault(p.grpc, 'service', '');
}

function defaultHandler(h: any): void {
  if (h?.httpGet) {
    setDefault(h.httpGet, 'path', '/');
    setDefault(h.httpGet, 'scheme', 'HTTP');
  }
}

function defaultEnv(env: any[] | undefined): void {
  for (const e of env ?? []) {
    if (e?.valueFrom?.fieldRef) setDefault(e.valueFrom.fieldRef, 'apiVersion', 'v1');
  }
}

function defaultContainer(c: any, hostNetwork: boolean): void {
  if (!c || typeof c !== 'object') return;
  setDefault(c, 'imagePullPolicy', defaultImagePullPolicy(c.image));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  // A container that sets limits but no requests gets requests equal to its limits.
  const r = c.resources;
  if (r.limits && typeof r.limits === 'object') {
    const req = ensure(r, 'requests');
    for (const [k, v] of Object.entries(r.limits)) if (req[k] === undefined) req[k] = v;
    if (Object.keys(req).length === 0) delete r.requests;
  }
  for (const p of c.ports ?? []) {
    setDefault(p, 'protocol', 'TCP');
    if (hostNetwork && p.hostPort === undefined && p.containerPort !== undefined) p.hostPort = p.containerPort;
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
  defaultEnv(c.env);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

function defaultVolume(v: any): void {
  if (!v || typeof v !== 'object') return;
  if (!VOLUME_SOURCES.some((s) => v[s] != null)) v.emptyDir = {};
  if (v.configMap) setDefault(v.configMap, 'defaultMode', 420);
  if (v.secret) setDefault(v.secret, 'defaultMode', 420);
  if (v.projected) setDefault(v.projected, 'defaultMode', 420);
  if (v.downwardAPI) {
    setDefault(v.downwardAPI, 'defaultMode', 420);
    for (const it of v.downwardAPI.items ?? []) if (it.fieldRef) setDefault(it.fieldRef, 'apiVersion', 'v1');
  }
  if (v.hostPath) setDefault(v.hostPath, 'type', '');
  if (v.iscsi) setDefault(v.iscsi, 'iscsiInterface', 'default');
  for (const s of v.projected?.sources ?? []) {
    if (s.serviceAccountToken) setDefault(s.serviceAccountToken, 'expirationSeconds', 3600);
    for (const it of s.downwardAPI?.items ?? []) if (it.fieldRef) setDefault(it.fieldRef, 'apiVersion', 'v1');
  }
}

/** SetDefaults for a PodSpec (pods and every pod template). */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'enableServiceLinks', true);
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.containers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.ephemeralContainers ?? []) {
    setDefault(c, 'imagePullPolicy', defaultImagePullPolicy(c.image));
    setDefault(c, 'terminationMessagePath', '/dev/termination-log');
    setDefault(c, 'terminationMessagePolicy', 'File');
    setDefault(c, 'resources', {});
  }
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** Defaults for a PodTemplateSpec: its metadata stays, its spec gets the pod-spec defaults. */
export function defaultPodTemplate(tpl: any): void {
  if (!tpl || typeof tpl !== 'object') return;
  setDefault(tpl, 'metadata', {});
  setDefault(tpl, 'spec', {});
  defaultPodSpec(tpl.spec);
}

/** The QoS class of a pod: Guaranteed, Burstable or BestEffort. */
export function podQOSClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function randSuffix(n: number): string {
  // utilrand.String's alphabet: consonants and digits without look-alikes.
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

/**
 * What admission adds to a new pod (ServiceAccount, DefaultTolerationSeconds, Priority plugins):
 * serviceAccountName `default`, the kube-api-access projected volume and its mounts, the two
 * NoExecute tolerations of 300 s, priority 0 and preemptionPolicy PreemptLowerPriority.
 */
export function admitPod(pod: any): void {
  const spec = ensure(pod, 'spec');
  setDefault(spec, 'serviceAccountName', 'default');
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken !== false) {
    const hasMount = (spec.containers ?? []).some((c: any) =>
      (c.volumeMounts ?? []).some((m: any) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount'));
    if (!hasMount && !(spec.volumes ?? []).some((v: any) => String(v?.name ?? '').startsWith('kube-api-access-'))) {
      const name = `kube-api-access-${randSuffix(5)}`;
      spec.volumes = [...(spec.volumes ?? []), {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      }];
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }];
      }
    }
  }
  const tols: any[] = spec.tolerations ?? [];
  for (const t of DEFAULT_TOLERATIONS) {
    const covered = tols.some((x) => (x.key === t.key || (x.key == null && x.operator === 'Exists')) && (x.effect === t.effect || !x.effect));
    if (!covered) tols.push({ ...t });
  }
  spec.tolerations = tols;
  if (spec.priorityClassName == null) {
    setDefault(spec, 'priority', 0);
    setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
}

// ---- Pod spec validation ----

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

/** Parses a resource quantity into a number of base units (cores, bytes); NaN when malformed. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return NaN;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(q.trim());
  if (!m) return NaN;
  const n = parseFloat(m[1] + (m[2] ?? ''));
  const mult: Record<string, number> = {
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
    n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  };
  return m[3] ? n * mult[m[3]] : n;
}

function validateContainer(c: any, p: string, names: Set<string>, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const name = c?.name ?? '';
  if (name === '') errs.push(required(`${p}.name`));
  else {
    for (const m of isDNS1123Label(name)) errs.push(invalid(`${p}.name`, name, m));
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    names.add(name);
  }
  if (!c?.image || String(c.image).trim() === '') errs.push(required(`${p}.image`));
  if (c?.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  }
  const portNames = new Set<string>();
  (c?.ports ?? []).forEach((port: any, i: number) => {
    const pp = `${p}.ports[${i}]`;
    if (port.name) {
      for (const m of isValidPortName(port.name)) errs.push(invalid(`${pp}.name`, port.name, m));
      if (portNames.has(port.name)) errs.push(duplicate(`${pp}.name`, port.name));
      portNames.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${pp}.containerPort`));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(`${pp}.containerPort`, port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(`${pp}.hostPort`, port.hostPort, m));
    if (port.protocol === undefined || port.protocol === '') errs.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${pp}.protocol`, port.protocol, PROTOCOLS));
  });
  (c?.volumeMounts ?? []).forEach((vm: any, i: number) => {
    const vp = `${p}.volumeMounts[${i}]`;
    if (!vm.name) errs.push(required(`${vp}.name`));
    else if (!volumes.has(vm.name)) errs.push({ type: 'NotFound', field: `${vp}.name`, value: vm.name });
    if (!vm.mountPath) errs.push(required(`${vp}.mountPath`));
  });
  (c?.env ?? []).forEach((e: any, i: number) => {
    if (!e?.name) errs.push(required(`${p}.env[${i}].name`));
  });
  const req = c?.resources?.requests ?? {};
  const lim = c?.resources?.limits ?? {};
  for (const [k, v] of Object.entries<any>(req)) {
    if (lim[k] === undefined) continue;
    if (parseQuantity(v) > parseQuantity(lim[k])) {
      errs.push(invalid(`${p}.resources.requests`, String(v), `must be less than or equal to ${k} limit of ${lim[k]}`));
    }
  }
  return errs;
}

/** ValidatePodSpec, the parts a CKA candidate can hit. `p` is the path of the spec ('spec', 'spec.template.spec'). */
export function validatePodSpec(spec: any, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [required(p)];
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    const vp = `${p}.volumes[${i}]`;
    if (!v?.name) errs.push(required(`${vp}.name`));
    else {
      for (const m of isDNS1123Label(v.name)) errs.push(invalid(`${vp}.name`, v.name, m));
      if (volumes.has(v.name)) errs.push(duplicate(`${vp}.name`, v.name));
      volumes.add(v.name);
    }
    const sources = VOLUME_SOURCES.filter((s) => v?.[s] != null);
    if (sources.length === 0) errs.push(required(vp, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbidden(`${vp}.${sources[1]}`, `may not specify more than 1 volume type`));
    if (v?.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(`${vp}.persistentVolumeClaim.claimName`));
    if (v?.configMap && !v.configMap.name) errs.push(required(`${vp}.configMap.name`));
    if (v?.secret && !v.secret.secretName) errs.push(required(`${vp}.secret.secretName`));
    if (v?.hostPath && !v.hostPath.path) errs.push(required(`${vp}.hostPath.path`));
  });
  const names = new Set<string>();
  const containers: any[] = spec.containers ?? [];
  if (containers.length === 0) errs.push(required(`${p}.containers`));
  (spec.initContainers ?? []).forEach((c: any, i: number) => errs.push(...validateContainer(c, `${p}.initContainers[${i}]`, names, volumes)));
  containers.forEach((c, i) => errs.push(...validateContainer(c, `${p}.containers[${i}]`, names, volumes)));
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    errs.push(notSupported(`${p}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) {
    errs.push(notSupported(`${p}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  }
  if (spec.nodeName) for (const m of isDNS1123Subdomain(spec.nodeName)) errs.push(invalid(`${p}.nodeName`, spec.nodeName, m));
  if (spec.serviceAccountName) for (const m of isDNS1123Subdomain(spec.serviceAccountName)) errs.push(invalid(`${p}.serviceAccountName`, spec.serviceAccountName, m));
  errs.push(...validateLabels(spec.nodeSelector, `${p}.nodeSelector`));
  errs.push(...nonNegative(spec.terminationGracePeriodSeconds, `${p}.terminationGracePeriodSeconds`));
  if (spec.activeDeadlineSeconds !== undefined && !(spec.activeDeadlineSeconds > 0)) {
    errs.push(invalid(`${p}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  (spec.tolerations ?? []).forEach((t: any, i: number) => {
    const tp = `${p}.tolerations[${i}]`;
    if (t.operator !== undefined && !['Equal', 'Exists'].includes(t.operator)) errs.push(notSupported(`${tp}.operator`, t.operator, ['Equal', 'Exists']));
    if (t.operator === 'Exists' && t.value) errs.push(invalid(`${tp}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${tp}.effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(`${tp}.effect`, t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    }
  });
  return errs;
}

/** Validates a PodTemplateSpec at `p` ('spec.template'): its labels and its pod spec. */
export function validatePodTemplate(tpl: any, p: string): FieldError[] {
  if (!tpl || typeof tpl !== 'object') return [required(p)];
  return [
    ...validateLabels(tpl.metadata?.labels, `${p}.metadata.labels`),
    ...validatePodSpec(tpl.spec, `${p}.spec`),
  ];
}

/** The workload check: template labels must satisfy the selector. */
export function templateMatchesSelector(selectorMatch: boolean, tpl: any, p: string): FieldError[] {
  return selectorMatch ? [] : [selectorMismatch(`${p}.metadata.labels`, tpl?.metadata?.labels)];
}

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function podSpecUpdateErrors(spec: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  // Compare with the mutable fields replaced by the old values.
  const clone = JSON.parse(JSON.stringify(spec ?? {}));
  const o = old ?? {};
  (clone.containers ?? []).forEach((c: any, i: number) => { if (o.containers?.[i]) c.image = o.containers[i].image; });
  (clone.initContainers ?? []).forEach((c: any, i: number) => { if (o.initContainers?.[i]) c.image = o.initContainers[i].image; });
  clone.activeDeadlineSeconds = o.activeDeadlineSeconds;
  const oldTols: any[] = o.tolerations ?? [];
  const newTols: any[] = clone.tolerations ?? [];
  const additionsOnly = oldTols.every((t) => newTols.some((n) => deepEqual(n, t)));
  if (additionsOnly) clone.tolerations = o.tolerations;
  if (o.terminationGracePeriodSeconds !== undefined && o.terminationGracePeriodSeconds < 0 && clone.terminationGracePeriodSeconds === 1) {
    clone.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
  }
  for (const k of Object.keys(clone)) if (clone[k] === undefined) delete clone[k];
  if (!deepEqual(clone, o)) errs.push(forbidden('spec', POD_UPDATE_FORBIDDEN));
  (spec?.containers ?? []).forEach((c: any, i: number) => {
    if (!c?.image) errs.push(required(`spec.containers[${i}].image`));
  });
  return errs;
}

// ---- Pod table: the STATUS, READY and RESTARTS logic of kubectl get pods ----

function hasCondition(conds: any[] | undefined, type: string): boolean {
  const c = (conds ?? []).find((x) => x?.type === type);
  return c?.status === 'True';
}
function timeOf(ts: unknown): number {
  const d = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isNaN(d) ? 0 : d;
}

export interface PodRow { ready: string; status: string; restarts: string }

/** The READY, STATUS and RESTARTS cells of a pod, as upstream's printPod computes them. */
export function podRow(pod: KObject, now: Date): PodRow {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const phase: string = status.phase ?? '';
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason: string = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c?.type === 'PodScheduled' && c?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const inits = new Map<string, any>();
  for (const c of spec.initContainers ?? []) {
    inits.set(c.name, c);
    if (c.restartPolicy === 'Always') total++;
  }
  const isSidecar = (name: string): boolean => inits.get(name)?.restartPolicy === 'Always';
  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const lt = timeOf(cs.lastState?.terminated?.finishedAt);
    if (cs.lastState?.terminated && lt > lastRestart) lastRestart = lt;
    if (isSidecar(cs.name)) {
      sidecarRestarts += cs.restartCount ?? 0;
      if (cs.lastState?.terminated && lt > lastSidecarRestart) lastSidecarRestart = lt;
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isSidecar(cs.name) && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing || hasCondition(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const css: any[] = status.containerStatuses ?? [];
    for (let i = css.length - 1; i >= 0; i--) {
      const cs = css[i];
      restarts += cs.restartCount ?? 0;
      const lt = timeOf(cs.lastState?.terminated?.finishedAt);
      if (cs.lastState?.terminated && lt > lastRestart) lastRestart = lt;
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }
  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartsStr = `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsStr };
}

const POD_COLUMNS: ColumnDef[] = [
  nameCol(),
  col('Ready', 'string', 'Ready containers of the pod, out of all.', (o, now) => podRow(o, now).ready),
  col('Status', 'string', 'Summary of the pod and container states.', (o, now) => podRow(o, now).status),
  col('Restarts', 'string', 'Container restarts, and how long ago the last one was.', (o, now) => podRow(o, now).restarts),
  ageCol(),
  col('IP', 'string', 'First IP address of the pod.', (o) => o.status?.podIPs?.[0]?.ip || o.status?.podIP || '<none>', true),
  col('Node', 'string', 'Node the pod is bound to.', (o) => o.spec?.nodeName || '<none>', true),
  col('Nominated Node', 'string', 'Node nominated by preemption.', (o) => o.status?.nominatedNodeName || '<none>', true),
  col('Readiness Gates', 'string', 'Readiness gates that are true, out of all.', (o) => {
    const gates: any[] = o.spec?.readinessGates ?? [];
    if (gates.length === 0) return '<none>';
    const conds: any[] = o.status?.conditions ?? [];
    const n = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
    return `${n}/${gates.length}`;
  }, true),
];

export const Pod: KindDef = {
  group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', namespaced: true,
  shortNames: ['po'], categories: ['all'],
  schemaType: 'io.k8s.api.core.v1.Pod',
  subresources: [
    { name: 'status', verbs: ['get', 'patch', 'update'] },
    { name: 'log', verbs: ['get'] },
    { name: 'exec', verbs: ['create', 'get'], responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' } },
    { name: 'attach', verbs: ['create', 'get'], responseKind: { group: '', version: 'v1', kind: 'PodAttachOptions' } },
    { name: 'portforward', verbs: ['create', 'get'], responseKind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' } },
    { name: 'proxy', verbs: ['create', 'delete', 'get', 'patch', 'update'], responseKind: { group: '', version: 'v1', kind: 'PodProxyOptions' } },
    { name: 'binding', verbs: ['create'], responseKind: { group: '', version: 'v1', kind: 'Binding' } },
    { name: 'eviction', verbs: ['create'], responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' } },
    { name: 'ephemeralcontainers', verbs: ['get', 'patch', 'update'] },
    { name: 'resize', verbs: ['get', 'patch', 'update'] },
  ],
  columns: POD_COLUMNS,
  selectableFields: (o) => ({
    'spec.nodeName': o.spec?.nodeName ?? '',
    'spec.restartPolicy': o.spec?.restartPolicy ?? '',
    'spec.schedulerName': o.spec?.schedulerName ?? '',
    'spec.serviceAccountName': o.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(o.spec?.hostNetwork === true),
    'status.phase': o.status?.phase ?? '',
    'status.podIP': o.status?.podIPs?.[0]?.ip ?? o.status?.podIP ?? '',
    'status.nominatedNodeName': o.status?.nominatedNodeName ?? '',
  }),
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    const spec = ensure(o, 'spec');
    defaultPodSpec(spec);
    admitPod(o);
    o.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
  },
  prepareForUpdate: (o, old) => {
    defaultPodSpec(ensure(o, 'spec'));
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', (o) => validatePodSpec(o.spec, 'spec')),
  validateUpdate: metaUpdateThen((o, old) => podSpecUpdateErrors(o.spec, old.spec)),
  // a pod on a node is deleted gracefully (its kubelet stops the containers, then removes it);
  // an unscheduled or finished pod, or a zero grace period (--force), goes at once
  deletionGracePeriod: (o, requested) => {
    if (!o.spec?.nodeName || o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed') return undefined;
    const g = requested ?? o.spec?.terminationGracePeriodSeconds ?? 30;
    return g > 0 ? g : undefined;
  },
  notes: 'Admission defaults (service account, projected token volume, tolerations, priority) are applied in prepareForCreate.',
};

// ======================================================================================
// Service
// ======================================================================================

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function serviceExternalIP(o: KObject, wide: boolean): string {
  const spec = o.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const set = new Set<string>();
      for (const i of o.status?.loadBalancer?.ingress ?? []) {
        if (i.ip) set.add(i.ip);
        else if (i.hostname) set.add(i.hostname);
      }
      let lb = [...set].sort().join(',');
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      if (ext.length > 0) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function servicePorts(o: KObject): string {
  const s = (o.spec?.ports ?? []).map((p: any) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return s || '<none>';
}

function nodePortRange(ctx: StrategyContext): [number, number] {
  const r = ctx.config?.['service-node-port-range'] ?? '30000-32767';
  const m = /^(\d+)-(\d+)$/.exec(r);
  return m ? [Number(m[1]), Number(m[2])] : [30000, 32767];
}

function validateServiceSpec(o: KObject, ctx: StrategyContext): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  const headless = spec.clusterIP === 'None';
  const ports: any[] = spec.ports ?? [];
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
    else for (const m of isDNS1123Subdomain(String(spec.externalName).replace(/\.$/, ''))) errs.push(invalid('spec.externalName', spec.externalName, m));
  } else if (ports.length === 0 && !headless) {
    errs.push(required('spec.ports'));
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  const names = new Set<string>();
  const [lo, hi] = nodePortRange(ctx);
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${pp}.name`));
    if (p.name) {
      for (const m of isDNS1123Label(p.name)) errs.push(invalid(`${pp}.name`, p.name, m));
      if (names.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      names.add(p.name);
    }
    for (const m of isValidPortNum(p.port)) errs.push(invalid(`${pp}.port`, p.port ?? 0, m));
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    if (typeof p.targetPort === 'number') {
      for (const m of isValidPortNum(p.targetPort)) errs.push(invalid(`${pp}.targetPort`, p.targetPort, m));
    } else if (typeof p.targetPort === 'string') {
      for (const m of isValidPortName(p.targetPort)) errs.push(invalid(`${pp}.targetPort`, p.targetPort, m));
    }
    if (p.nodePort) {
      if (type === 'ClusterIP' || type === 'ExternalName') {
        errs.push(forbidden(`${pp}.nodePort`, `may not be used when \`type\` is '${type}'`));
      } else if (p.nodePort < lo || p.nodePort > hi) {
        errs.push(invalid(`${pp}.nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`));
      }
    }
  });
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (spec.sessionAffinity && !['ClientIP', 'None'].includes(spec.sessionAffinity)) {
    errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  }
  return errs;
}

/** Reserves the service's cluster IP and node ports from the cluster's pools (errors become field errors). */
function allocateServiceAddresses(o: KObject, old: KObject | undefined, ctx: StrategyContext): void {
  const spec = o.spec;
  if (!ctx.allocate) return;
  const errs: FieldError[] = [];
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && (!old || !spec.clusterIP || spec.clusterIP !== old.spec?.clusterIP)) {
    const r = ctx.allocate('serviceIP', spec.clusterIP || undefined);
    if ('error' in r) errs.push(invalid('spec.clusterIPs', [spec.clusterIP], r.error, `[]string{${JSON.stringify(spec.clusterIP)}}`));
    else {
      spec.clusterIP = String(r.value);
      spec.clusterIPs = [spec.clusterIP];
    }
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    (spec.ports ?? []).forEach((p: any, i: number) => {
      const prev = (old?.spec?.ports ?? []).some((q: any) => q.nodePort && q.nodePort === p.nodePort);
      if (prev) return;
      const r = ctx.allocate!('nodePort', p.nodePort || undefined);
      if ('error' in r) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, r.error));
      else p.nodePort = Number(r.value);
    });
  } else {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (errs.length) throw new InvalidObject(errs);
}

/** Service defaults; address allocation (clusterIP(s), nodePorts) is the store's hook, not done here. */
export function defaultService(o: KObject): void {
  const spec = ensure(o, 'spec');
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    setDefault(spec.sessionAffinityConfig.clientIP, 'timeoutSeconds', 10800);
  }
  for (const p of spec.ports ?? []) {
    setDefault(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'ipFamilies', ['IPv4']);
    if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

export const Service: KindDef = {
  group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service', namespaced: true,
  shortNames: ['svc'], categories: ['all'],
  schemaType: 'io.k8s.api.core.v1.Service',
  etcdResource: 'services/specs',
  subresources: [
    { name: 'status', verbs: ['get', 'patch', 'update'] },
    { name: 'proxy', verbs: ['create', 'delete', 'get', 'patch', 'update'], responseKind: { group: '', version: 'v1', kind: 'ServiceProxyOptions' } },
  ],
  columns: [
    nameCol(),
    col('Type', 'string', 'How the service is exposed.', (o) => o.spec?.type ?? ''),
    col('Cluster-IP', 'string', 'Virtual IP of the service.', (o) => o.spec?.clusterIPs?.[0] ?? '<none>'),
    col('External-IP', 'string', 'Addresses reachable from outside the cluster.', (o) => serviceExternalIP(o, true)),
    col('Port(s)', 'string', 'Ports of the service.', servicePorts),
    ageCol(),
    col('Selector', 'string', 'Labels of the pods behind the service.', (o) => formatLabels(o.spec?.selector), true),
  ],
  hasStatus: true,
  prepareForCreate: (o, ctx) => {
    defaultService(o);
    o.status = { loadBalancer: {} };
    allocateServiceAddresses(o, undefined, ctx);
  },
  prepareForUpdate: (o, old, ctx) => {
    const spec = ensure(o, 'spec');
    // a replace that leaves out the allocated addresses keeps them, as kube-apiserver does
    if (!spec.clusterIP && old.spec?.clusterIP && spec.type !== 'ExternalName') {
      spec.clusterIP = old.spec.clusterIP;
      spec.clusterIPs = old.spec.clusterIPs;
    }
    for (const p of spec.ports ?? []) {
      const prev = (old.spec?.ports ?? []).find((q: any) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (!p.nodePort && prev?.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) p.nodePort = prev.nodePort;
    }
    defaultService(o);
    o.status = old.status;
    allocateServiceAddresses(o, old, ctx);
  },
  validate: metaThen(true, 'dns1035', validateServiceSpec),
  validateUpdate: metaUpdateThen((o, old, ctx) => {
    const errs = validateServiceSpec(o, ctx);
    const oldIP = old.spec?.clusterIP;
    if (oldIP && oldIP !== 'None' && o.spec?.clusterIP !== undefined && o.spec.clusterIP !== oldIP && o.spec?.type !== 'ExternalName') {
      errs.push(invalid('spec.clusterIPs[0]', o.spec.clusterIP, 'may not change once set'));
    }
    return errs;
  }),
  notes: 'The store allocates spec.clusterIP/clusterIPs (not for ExternalName or None) and nodePorts for NodePort/LoadBalancer after prepareForCreate.',
};

// ======================================================================================
// Node, Namespace
// ======================================================================================

function nodeStatus(o: KObject): string {
  const ready = (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const parts: string[] = [];
  if (ready) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else parts.push('Unknown');
  if (o.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Roles from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function nodeRoles(o: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(o.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(o: KObject, type: string): string {
  return (o.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

function validateNodeSpec(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (o.spec?.taints ?? []).forEach((t: any, i: number) => {
    const p = `spec.taints[${i}]`;
    for (const m of isQualifiedName(String(t.key ?? ''))) errs.push(invalid(`${p}.key`, t.key ?? '', m));
    if (!t.effect) errs.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) errs.push(duplicate(`spec.taints`, t));
    seen.add(id);
  });
  return errs;
}

export const Node: KindDef = {
  group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', namespaced: false,
  shortNames: ['no'],
  schemaType: 'io.k8s.api.core.v1.Node',
  etcdResource: 'minions',
  subresources: [
    { name: 'status', verbs: ['get', 'patch', 'update'] },
    { name: 'proxy', verbs: ['create', 'delete', 'get', 'patch', 'update'], responseKind: { group: '', version: 'v1', kind: 'NodeProxyOptions' } },
  ],
  columns: [
    nameCol(),
    col('Status', 'string', 'Readiness and schedulability of the node.', nodeStatus),
    col('Roles', 'string', 'Roles from node-role labels.', nodeRoles),
    ageCol(),
    col('Version', 'string', 'Kubelet version.', (o) => o.status?.nodeInfo?.kubeletVersion ?? ''),
    col('Internal-IP', 'string', 'Internal address of the node.', (o) => nodeAddress(o, 'InternalIP'), true),
    col('External-IP', 'string', 'External address of the node.', (o) => nodeAddress(o, 'ExternalIP'), true),
    col('OS-Image', 'string', 'Operating system image.', (o) => o.status?.nodeInfo?.osImage || '<unknown>', true),
    col('Kernel-Version', 'string', 'Kernel version.', (o) => o.status?.nodeInfo?.kernelVersion || '<unknown>', true),
    col('Container-Runtime', 'string', 'Container runtime and version.', (o) => o.status?.nodeInfo?.containerRuntimeVersion || '<unknown>', true),
  ],
  selectableFields: (o) => ({ 'spec.unschedulable': String(o.spec?.unschedulable === true) }),
  hasStatus: true,
  prepareForCreate: (o) => {
    ensure(o, 'spec');
    const st = ensure(o, 'status');
    if (st.capacity && !st.allocatable) st.allocatable = { ...st.capacity };
  },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(false, 'subdomain', validateNodeSpec),
  validateUpdate: metaUpdateThen((o, old) => {
    const errs = validateNodeSpec(o);
    if (old.spec?.podCIDR && o.spec?.podCIDR !== old.spec.podCIDR) {
      errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    return errs;
  }),
};

export const Namespace: KindDef = {
  group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false,
  shortNames: ['ns'],
  schemaType: 'io.k8s.api.core.v1.Namespace',
  subresources: [
    { name: 'status', verbs: ['get', 'patch', 'update'] },
    { name: 'finalize', verbs: ['update'] },
  ],
  columns: [
    nameCol(),
    col('Status', 'string', 'Phase of the namespace.', (o) => o.status?.phase ?? ''),
    ageCol(),
  ],
  selectableFields: (o) => ({ 'status.phase': o.status?.phase ?? '' }),
  hasStatus: true,
  // deleting a namespace leaves it Terminating until the namespace controller has emptied it
  holdOnDelete: (o) => (o.spec?.finalizers ?? []).length > 0,
  forbidDelete: (o) => (['default', 'kube-system', 'kube-public'].includes(o.metadata?.name) ? 'this namespace may not be deleted' : undefined),
  prepareForDelete: (o) => {
    o.status = { ...(o.status ?? {}), phase: 'Terminating' };
  },
  prepareForCreate: (o) => {
    const md = ensure(o, 'metadata');
    const labels = ensure(md, 'labels');
    if (md.name) labels['kubernetes.io/metadata.name'] = md.name;
    const spec = ensure(o, 'spec');
    const fin: string[] = spec.finalizers ?? [];
    if (!fin.includes('kubernetes')) fin.push('kubernetes');
    spec.finalizers = fin;
    o.status = { phase: 'Active' };
  },
  prepareForUpdate: (o, old) => {
    const md = ensure(o, 'metadata');
    const labels = ensure(md, 'labels');
    if (md.name) labels['kubernetes.io/metadata.name'] = md.name;
    o.spec = old.spec;
    o.status = old.status;
  },
  validate: metaThen(false, 'label'),
  validateUpdate: metaUpdateThen(),
  notes: 'spec.finalizers changes only through the finalize subresource.',
};

// ======================================================================================
// ConfigMap, Secret, ServiceAccount
// ======================================================================================

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
function configKeyErrors(k: string): string[] {
  const errs: string[] = [];
  if (k.length > 253) errs.push('must be no more than 253 characters');
  if (!new RegExp(`^${CONFIG_KEY_FMT}$`).test(k)) {
    errs.push(`a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '${CONFIG_KEY_FMT}')`);
  }
  if (k === '.') errs.push("must not be '.'");
  else if (k === '..') errs.push("must not be '..'");
  else if (k.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function validateKeys(o: KObject, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    for (const k of Object.keys(o[f] ?? {})) {
      for (const m of configKeyErrors(k)) errs.push(invalid(`${f}[${k}]`, k, m));
      if (seen.has(k)) errs.push(invalid(`${f}[${k}]`, k, 'duplicate of key present in data'));
      seen.add(k);
    }
  }
  return errs;
}

function immutableData(o: KObject, old: KObject, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    if (o.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    for (const f of fields) if (!deepEqual(o[f] ?? {}, old[f] ?? {})) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export const ConfigMap: KindDef = {
  group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true,
  shortNames: ['cm'],
  schemaType: 'io.k8s.api.core.v1.ConfigMap',
  columns: [
    nameCol(),
    col('Data', 'string', 'Number of keys.', (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length),
    ageCol(),
  ],
  validate: metaThen(true, 'subdomain', (o) => validateKeys(o, ['data', 'binaryData'])),
  validateUpdate: metaUpdateThen((o, old) => [...validateKeys(o, ['data', 'binaryData']), ...immutableData(o, old, ['data', 'binaryData'])]),
};

/** Moves stringData into data (base64), as the v1 → internal conversion does. */
function mergeStringData(o: KObject): void {
  if (o.stringData && typeof o.stringData === 'object') {
    const data = ensure(o, 'data');
    for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  }
  delete o.stringData;
}

function validateSecret(o: KObject): FieldError[] {
  const errs = validateKeys(o, ['data']);
  const data = o.data ?? {};
  switch (o.type) {
    case 'kubernetes.io/tls':
      for (const k of ['tls.crt', 'tls.key']) if (!(k in data)) errs.push(required(`data[${k}]`));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!('.dockerconfigjson' in data)) errs.push(required('data[.dockerconfigjson]'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(required('data[username]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!('ssh-privatekey' in data)) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/service-account-token':
      if (!o.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
  }
  const size = Object.values<string>(data).reduce((n, v) => n + Buffer.from(String(v), 'base64').length, 0);
  if (size > 1024 * 1024) errs.push(tooLongData());
  return errs;
}
function tooLongData(): FieldError {
  return { type: 'TooLong', field: 'data', detail: 'may not be more than 1048576 bytes' };
}

export const Secret: KindDef = {
  group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true,
  schemaType: 'io.k8s.api.core.v1.Secret',
  columns: [
    nameCol(),
    col('Type', 'string', 'Type of the secret.', (o) => o.type ?? ''),
    col('Data', 'string', 'Number of keys.', (o) => Object.keys(o.data ?? {}).length),
    ageCol(),
  ],
  selectableFields: (o) => ({ type: o.type ?? '' }),
  prepareForCreate: (o) => {
    mergeStringData(o);
    setDefault(o, 'type', 'Opaque');
  },
  prepareForUpdate: (o) => {
    mergeStringData(o);
    setDefault(o, 'type', 'Opaque');
  },
  validate: metaThen(true, 'subdomain', validateSecret),
  validateUpdate: metaUpdateThen((o, old) => [
    ...validateSecret(o),
    ...immutable(o.type, old.type, 'type'),
    ...immutableData(o, old, ['data']),
  ]),
};

export const ServiceAccount: KindDef = {
  group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', namespaced: true,
  shortNames: ['sa'],
  schemaType: 'io.k8s.api.core.v1.ServiceAccount',
  subresources: [
    { name: 'token', verbs: ['create'], responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } },
  ],
  columns: [
    nameCol(),
    col('Secrets', 'string', 'Number of referenced secrets.', (o) => (o.secrets ?? []).length),
    ageCol(),
  ],
  validate: metaThen(true, 'subdomain'),
  validateUpdate: metaUpdateThen(),
};

// ======================================================================================
// Endpoints, Event
// ======================================================================================

function formatEndpoints(o: KObject): string {
  const subsets: any[] = o.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? [];
    const ports: any[] = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) if (list.length < 3) list.push(a.ip);
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length < 3) list.push(String(a.ip).includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const s = list.join(',');
  return count > 3 ? `${s} + ${count - 3} more...` : s;
}

export const Endpoints: KindDef = {
  group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true,
  shortNames: ['ep'],
  deprecated: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
  schemaType: 'io.k8s.api.core.v1.Endpoints',
  etcdResource: 'services/endpoints',
  columns: [
    nameCol(),
    col('Endpoints', 'string', 'Ready addresses and ports.', formatEndpoints),
    ageCol(),
  ],
  prepareForCreate: (o) => { for (const ss of o.subsets ?? []) for (const p of ss.ports ?? []) setDefault(p, 'protocol', 'TCP'); },
  prepareForUpdate: (o) => { for (const ss of o.subsets ?? []) for (const p of ss.ports ?? []) setDefault(p, 'protocol', 'TCP'); },
  validate: metaThen(true, 'subdomain'),
  validateUpdate: metaUpdateThen(),
};

function eventTimes(o: KObject, now: Date): { first: string; last: string; count: number } {
  const first = o.firstTimestamp ? since(o.firstTimestamp, now) : since(o.eventTime, now);
  let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
  let count: number = o.count ?? 0;
  if (o.series) {
    last = since(o.series.lastObservedTime, now);
    count = o.series.count ?? 0;
  } else if (count === 0) count = 1;
  return { first, last, count };
}
function eventSource(o: KObject): string {
  const component = o.source?.component || o.reportingComponent || '';
  const host = o.source?.host || o.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** Field selectors shared by core/v1 and events.k8s.io/v1 events (they are one store). */
export function eventSelectableFields(o: KObject): Record<string, string> {
  const io = o.involvedObject ?? o.regarding ?? {};
  return {
    'involvedObject.kind': io.kind ?? '',
    'involvedObject.namespace': io.namespace ?? '',
    'involvedObject.name': io.name ?? '',
    'involvedObject.uid': io.uid ?? '',
    'involvedObject.apiVersion': io.apiVersion ?? '',
    'involvedObject.resourceVersion': io.resourceVersion ?? '',
    'involvedObject.fieldPath': io.fieldPath ?? '',
    reason: o.reason ?? '',
    reportingComponent: o.reportingComponent ?? o.reportingController ?? '',
    source: o.source?.component ?? '',
    type: o.type ?? '',
  };
}

export const Event: KindDef = {
  group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', namespaced: true,
  shortNames: ['ev'],
  schemaType: 'io.k8s.api.core.v1.Event',
  columns: [
    col('Last Seen', 'string', 'Time since the event was last seen.', (o, now) => eventTimes(o, now).last),
    col('Type', 'string', 'Normal or Warning.', (o) => o.type ?? ''),
    col('Reason', 'string', 'Short reason of the event.', (o) => o.reason ?? ''),
    col('Object', 'string', 'The object the event is about.', (o) => {
      const io = o.involvedObject ?? {};
      return io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
    }),
    col('Subobject', 'string', 'Field path within the object.', (o) => o.involvedObject?.fieldPath ?? '', true),
    col('Source', 'string', 'Component that reported the event.', eventSource, true),
    col('Message', 'string', 'Message of the event.', (o) => String(o.message ?? '').trim()),
    col('First Seen', 'string', 'Time since the event was first seen.', (o, now) => eventTimes(o, now).first, true),
    col('Count', 'string', 'How often the event was seen.', (o, now) => eventTimes(o, now).count, true),
    nameCol(true),
  ],
  selectableFields: eventSelectableFields,
  validate: metaThen(true, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    if (o.involvedObject?.namespace && o.metadata?.namespace && o.involvedObject.namespace !== o.metadata.namespace) {
      errs.push(invalid('involvedObject.namespace', o.involvedObject.namespace, 'does not match event.namespace'));
    }
    if (o.type && !['Normal', 'Warning'].includes(o.type)) errs.push(notSupported('type', o.type, ['Normal', 'Warning']));
    return errs;
  }),
  validateUpdate: metaUpdateThen(),
  notes: 'Stored under the same etcd prefix as events.k8s.io/v1 Event.',
};

// ======================================================================================
// PersistentVolume, PersistentVolumeClaim
// ======================================================================================

const PV_SOURCES = [
  'hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd', 'glusterfs', 'cinder', 'gcePersistentDisk',
  'awsElasticBlockStore', 'azureFile', 'azureDisk', 'vsphereVolume', 'flexVolume', 'flocker', 'quobyte',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function storageClassOf(o: KObject): string {
  return o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '';
}

function validateAccessModes(modes: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(modes) || modes.length === 0) return [required(field, 'at least 1 access mode is required')];
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    errs.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  }
  return errs;
}

function validatePVSpec(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  if (!spec.capacity || Object.keys(spec.capacity).length === 0) errs.push(required('spec.capacity'));
  else if (spec.capacity.storage === undefined) errs.push(required('spec.capacity', 'storage'));
  const sources = PV_SOURCES.filter((s) => spec[s] != null);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (spec.local && !spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
  return errs;
}

export const PersistentVolume: KindDef = {
  group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', singular: 'persistentvolume', namespaced: false,
  shortNames: ['pv'],
  schemaType: 'io.k8s.api.core.v1.PersistentVolume',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Capacity', 'string', 'Storage capacity.', (o) => String(o.spec?.capacity?.storage ?? '0')),
    col('Access Modes', 'string', 'Access modes.', (o) => accessModesString(o.spec?.accessModes)),
    col('Reclaim Policy', 'string', 'What happens when released.', (o) => o.spec?.persistentVolumeReclaimPolicy ?? ''),
    col('Status', 'string', 'Phase of the volume.', (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '')),
    col('Claim', 'string', 'Bound claim.', (o) => (o.spec?.claimRef ? `${o.spec.claimRef.namespace ?? ''}/${o.spec.claimRef.name ?? ''}` : '')),
    col('StorageClass', 'string', 'Storage class of the volume.', storageClassOf),
    col('VolumeAttributesClass', 'string', 'Volume attributes class.', (o) => o.spec?.volumeAttributesClassName ?? '<unset>'),
    col('Reason', 'string', 'Reason of the phase.', (o) => o.status?.reason ?? ''),
    ageCol(),
    col('VolumeMode', 'string', 'Filesystem or Block.', (o) => o.spec?.volumeMode ?? '<unset>', true),
  ],
  hasStatus: true,
  prepareForCreate: (o, ctx) => {
    const spec = ensure(o, 'spec');
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
    o.status = { phase: 'Pending', lastPhaseTransitionTime: RFC3339(ctx.now) };
  },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(false, 'subdomain', validatePVSpec),
  validateUpdate: metaUpdateThen((o, old) => {
    const errs = validatePVSpec(o);
    const src = PV_SOURCES.find((s) => old.spec?.[s] != null);
    if (src) errs.push(...immutable(o.spec?.[src], old.spec?.[src], `spec.persistentvolumesource`));
    errs.push(...immutable(o.spec?.volumeMode, old.spec?.volumeMode, 'spec.volumeMode'));
    return errs;
  }),
};

function validatePVCSpec(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]'));
  else if (!(parseQuantity(storage) > 0)) errs.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  if (spec.volumeMode && !['Block', 'Filesystem'].includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  return errs;
}

export const PVC_SPEC_IMMUTABLE =
  'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

export const PersistentVolumeClaim: KindDef = {
  group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', namespaced: true,
  shortNames: ['pvc'],
  schemaType: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Status', 'string', 'Phase of the claim.', (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '')),
    col('Volume', 'string', 'Bound volume.', (o) => o.spec?.volumeName ?? ''),
    col('Capacity', 'string', 'Capacity of the bound volume.', (o) => (o.spec?.volumeName ? String(o.status?.capacity?.storage ?? '0') : '')),
    col('Access Modes', 'string', 'Access modes of the bound volume.', (o) => (o.spec?.volumeName ? accessModesString(o.status?.accessModes) : '')),
    col('StorageClass', 'string', 'Storage class of the claim.', storageClassOf),
    col('VolumeAttributesClass', 'string', 'Volume attributes class.', (o) => o.spec?.volumeAttributesClassName ?? '<unset>'),
    ageCol(),
    col('VolumeMode', 'string', 'Filesystem or Block.', (o) => o.spec?.volumeMode ?? '<unset>', true),
  ],
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultPVCSpec(ensure(o, 'spec'));
    o.status = { phase: 'Pending' };
  },
  prepareForUpdate: (o, old) => {
    defaultPVCSpec(ensure(o, 'spec'));
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validatePVCSpec),
  validateUpdate: metaUpdateThen((o, old) => {
    const errs = validatePVCSpec(o);
    const a = JSON.parse(JSON.stringify(o.spec ?? {}));
    const b = JSON.parse(JSON.stringify(old.spec ?? {}));
    if (old.status?.phase === 'Bound') {
      delete a.resources?.requests;
      delete b.resources?.requests;
      delete a.volumeAttributesClassName;
      delete b.volumeAttributesClassName;
    }
    // Binding fills volumeName once.
    if (!b.volumeName) { delete a.volumeName; delete b.volumeName; }
    if (!deepEqual(a, b)) errs.push(forbidden('spec', PVC_SPEC_IMMUTABLE));
    const ns = parseQuantity(o.spec?.resources?.requests?.storage);
    const os = parseQuantity(old.spec?.resources?.requests?.storage);
    if (old.status?.phase === 'Bound' && ns < os) errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    return errs;
  }),
};

export function defaultPVCSpec(spec: any): void {
  setDefault(spec, 'volumeMode', 'Filesystem');
}

// ======================================================================================
// ResourceQuota, LimitRange
// ======================================================================================

/** Sort order of quota resources in the table: resource names alphabetically. */
function quotaCells(o: KObject): { request: string; limit: string } {
  const hard = o.status?.hard ?? {};
  const used = o.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const piece = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
    const parts = r.split('.');
    if (parts.length > 1 && parts[0] === 'limits') lim.push(piece);
    else req.push(piece);
  }
  return { request: req.join(', '), limit: lim.join(', ') };
}

export const ResourceQuota: KindDef = {
  group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', namespaced: true,
  shortNames: ['quota'],
  schemaType: 'io.k8s.api.core.v1.ResourceQuota',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Request', 'string', 'Used and hard request quotas.', (o) => quotaCells(o).request),
    col('Limit', 'string', 'Used and hard limit quotas.', (o) => quotaCells(o).limit),
    ageCol(),
  ],
  hasStatus: true,
  prepareForCreate: (o) => { o.status = {}; },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(true, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    for (const [k, v] of Object.entries<any>(o.spec?.hard ?? {})) {
      if (Number.isNaN(parseQuantity(v))) errs.push(invalid(`spec.hard[${k}]`, String(v), 'must be a valid quantity'));
      else if (parseQuantity(v) < 0) errs.push(invalid(`spec.hard[${k}]`, String(v), 'must be greater than or equal to 0'));
    }
    return errs;
  }),
  validateUpdate: metaUpdateThen(),
};

function defaultLimitRange(o: KObject): void {
  for (const item of o.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const def = item.default ?? {};
    const defReq = item.defaultRequest ?? {};
    for (const [k, v] of Object.entries(item.max ?? {})) if (def[k] === undefined) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (defReq[k] === undefined) defReq[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (defReq[k] === undefined) defReq[k] = v;
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(defReq).length) item.defaultRequest = defReq;
  }
}

export const LimitRange: KindDef = {
  group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', namespaced: true,
  shortNames: ['limits'],
  schemaType: 'io.k8s.api.core.v1.LimitRange',
  prepareForCreate: defaultLimitRange,
  prepareForUpdate: defaultLimitRange,
  validate: metaThen(true, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    const types = ['Container', 'Pod', 'PersistentVolumeClaim'];
    (o.spec?.limits ?? []).forEach((it: any, i: number) => {
      if (!it.type) errs.push(required(`spec.limits[${i}].type`));
      for (const [k, mx] of Object.entries<any>(it.max ?? {})) {
        const mn = it.min?.[k];
        if (mn !== undefined && parseQuantity(mn) > parseQuantity(mx)) {
          errs.push(invalid(`spec.limits[${i}].min[${k}]`, String(mn), `min value ${mn} is greater than max value ${mx}`));
        }
      }
      if (it.type && !types.includes(it.type) && !String(it.type).includes('/')) errs.push(notSupported(`spec.limits[${i}].type`, it.type, types));
    });
    return errs;
  }),
  validateUpdate: metaUpdateThen(),
};

// ======================================================================================
// ReplicationController, PodTemplate, ComponentStatus, Binding
// ======================================================================================

function rcSelectorMatches(o: KObject): boolean {
  const sel: Record<string, string> = o.spec?.selector ?? {};
  const labels: Record<string, string> = o.spec?.template?.metadata?.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

export const ReplicationController: KindDef = {
  group: '', version: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', singular: 'replicationcontroller', namespaced: true,
  shortNames: ['rc'], categories: ['all'],
  schemaType: 'io.k8s.api.core.v1.ReplicationController',
  etcdResource: 'controllers',
  subresources: [
    { name: 'status', verbs: ['get', 'patch', 'update'] },
    { name: 'scale', verbs: ['get', 'patch', 'update'], responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
  ],
  columns: [
    nameCol(),
    ...replicaCountCols(),
    ageCol(),
    ...templateCols((o) => o.spec?.template?.spec, (o) => formatLabels(o.spec?.selector)),
  ],
  selectableFields: (o) => ({ 'status.replicas': String(o.status?.replicas ?? 0) }),
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    const spec = ensure(o, 'spec');
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'minReadySeconds', 0);
    if (spec.template) {
      defaultPodTemplate(spec.template);
      // An absent selector or labels are taken from each other.
      const labels = spec.template.metadata.labels;
      if (!spec.selector && labels) spec.selector = { ...labels };
      if (!o.metadata?.labels && labels) ensure(o, 'metadata').labels = { ...labels };
    }
    o.status = { replicas: 0 };
  },
  prepareForUpdate: (o, old) => {
    if (o.spec?.template) defaultPodTemplate(o.spec.template);
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', (o) => {
    const errs: FieldError[] = [...nonNegative(o.spec?.replicas, 'spec.replicas')];
    const sel = o.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) errs.push(required('spec.selector'));
    if (!o.spec?.template) errs.push(required('spec.template'));
    else {
      errs.push(...validatePodTemplate(o.spec.template, 'spec.template'));
      if (sel && Object.keys(sel).length > 0 && !rcSelectorMatches(o)) errs.push(selectorMismatch('spec.template.metadata.labels', o.spec.template.metadata?.labels));
      const rp = o.spec.template.spec?.restartPolicy;
      if (rp && rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
    }
    return errs;
  }),
  validateUpdate: metaUpdateThen((o) => {
    const errs: FieldError[] = [...nonNegative(o.spec?.replicas, 'spec.replicas')];
    if (o.spec?.template) errs.push(...validatePodTemplate(o.spec.template, 'spec.template'));
    return errs;
  }),
};

export const PodTemplate: KindDef = {
  group: '', version: 'v1', kind: 'PodTemplate', plural: 'podtemplates', singular: 'podtemplate', namespaced: true,
  schemaType: 'io.k8s.api.core.v1.PodTemplate',
  columns: [
    nameCol(),
    col('Containers', 'string', 'Names of the containers in the template.', (o) => (o.template?.spec?.containers ?? []).map((c: any) => c.name).join(',')),
    col('Images', 'string', 'Images of the containers in the template.', (o) => (o.template?.spec?.containers ?? []).map((c: any) => c.image).join(',')),
    col('Pod Labels', 'string', 'Labels of the template.', (o) => formatLabels(o.template?.metadata?.labels)),
  ],
  prepareForCreate: (o) => { if (o.template) defaultPodTemplate(o.template); },
  prepareForUpdate: (o) => { if (o.template) defaultPodTemplate(o.template); },
  validate: metaThen(true, 'subdomain', (o) => validatePodTemplate(o.template, 'template')),
  validateUpdate: metaUpdateThen((o) => validatePodTemplate(o.template, 'template')),
};

export const ComponentStatus: KindDef = {
  group: '', version: 'v1', kind: 'ComponentStatus', plural: 'componentstatuses', singular: 'componentstatus', namespaced: false,
  shortNames: ['cs'],
  verbs: ['get', 'list'],
  deprecated: 'v1 ComponentStatus is deprecated in v1.19+',
  schemaType: 'io.k8s.api.core.v1.ComponentStatus',
  columns: [
    nameCol(),
    col('Status', 'string', 'Health of the component.', (o) => {
      const c = (o.conditions ?? []).find((x: any) => x.type === 'Healthy');
      return c ? (c.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    }),
    col('Message', 'string', 'Message of the health check.', (o) => (o.conditions ?? []).find((x: any) => x.type === 'Healthy')?.message ?? ''),
    col('Error', 'string', 'Error of the health check.', (o) => (o.conditions ?? []).find((x: any) => x.type === 'Healthy')?.error ?? ''),
  ],
  notes: 'Virtual, read-only: the runtime computes the list (scheduler, controller-manager, etcd-0) by probing them.',
};

export const Binding: KindDef = {
  group: '', version: 'v1', kind: 'Binding', plural: 'bindings', singular: 'binding', namespaced: true,
  verbs: ['create'],
  schemaType: 'io.k8s.api.core.v1.Binding',
  validate: (o) => {
    const errs: FieldError[] = [];
    if (o.target?.kind && o.target.kind !== 'Node') errs.push(notSupported('target.kind', o.target.kind, ['Node', '<empty>']));
    if (!o.target?.name) errs.push(required('target.name'));
    return errs;
  },
  notes: 'Create-only; binds the pod named metadata.name to target.name (same handler as pods/binding).',
};

export const CORE_KINDS: KindDef[] = [
  Pod, Service, Node, Namespace, ConfigMap, Secret, ServiceAccount, Endpoints, Event, PersistentVolume,
  PersistentVolumeClaim, ResourceQuota, LimitRange, ReplicationController, PodTemplate, ComponentStatus, Binding,
];
