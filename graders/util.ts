// Helpers the graders share: kubectl with the admin kubeconfig, kubectl's own error words, and
// small formatting helpers so every verdict reads the same way.
import type { Check } from '../scenarios/types.ts';
import type { CheckResult, RunResult, SessionHandle } from './types.ts';

export type Verdict = Omit<CheckResult, 'id' | 'description' | 'type' | 'points' | 'earned' | 'ms'>;

/** Where graders find the admin kubeconfig on controlplane (kubeadm's path). */
export const ADMIN_KUBECONFIG = '/etc/kubernetes/admin.conf';

/** Runs kubectl as the cluster admin on controlplane; the candidate's own kubeconfig and context do not matter. */
export function kubectl(session: SessionHandle, args: string[], o: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const kubeconfig = session.adminKubeconfig ?? ADMIN_KUBECONFIG;
  return session.run(['kubectl', `--kubeconfig=${kubeconfig}`, '--request-timeout=15s', ...args], { input: o.input, timeoutMs: o.timeoutMs ?? 20000 });
}

/** Runs a shell script with bash on a node. */
export function bash(session: SessionHandle, script: string, o: { node?: string; input?: string; timeoutMs?: number; args?: string[] } = {}): Promise<RunResult> {
  return session.run(['bash', '-c', script, 'kubedojo-check', ...(o.args ?? [])], { node: o.node, input: o.input, timeoutMs: o.timeoutMs ?? 30000 });
}

/** The namespace a check reads: its own, else `default` (never the candidate's current context). */
export function namespaceOf(check: Check): string {
  return typeof check.namespace === 'string' && check.namespace ? check.namespace : 'default';
}

/** kubectl's error in its own words: the first "error:" / "Error from server" line, else the first line. */
export function kubectlError(r: RunResult): string {
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l && !/^Warning:/.test(l));
  return lines.find((l) => /^(error|Error from server)/.test(l)) ?? lines[0] ?? `kubectl exited with code ${r.code}`;
}

export function isNotFound(r: RunResult): boolean {
  return r.code !== 0 && /\(NotFound\)|not found/.test(r.stderr);
}

/** `kubectl get ARGS -o json`, parsed; `error` holds kubectl's words when it failed. */
export async function getJson(session: SessionHandle, args: string[]): Promise<{ obj?: any; error?: string; notFound?: boolean }> {
  const r = await kubectl(session, ['get', ...args, '-o', 'json']);
  if (r.code !== 0) return { error: kubectlError(r), notFound: isNotFound(r) };
  try {
    return { obj: JSON.parse(r.stdout) };
  } catch {
    return { error: `kubectl printed something that is not JSON: ${cap(r.stdout, 200)}` };
  }
}

/** The items of a `kubectl get` result, whether it returned one object or a List. */
export function itemsOf(obj: any): any[] {
  if (!obj) return [];
  return Array.isArray(obj.items) ? obj.items : [obj];
}

/** Types kubectl treats as cluster-scoped (so messages do not mention a namespace). */
const CLUSTER_SCOPED = new Set([
  'node', 'nodes', 'no', 'namespace', 'namespaces', 'ns', 'persistentvolume', 'persistentvolumes', 'pv', 'storageclass', 'storageclasses', 'sc',
  'clusterrole', 'clusterroles', 'clusterrolebinding', 'clusterrolebindings', 'customresourcedefinition', 'customresourcedefinitions', 'crd', 'crds',
  'priorityclass', 'priorityclasses', 'pc', 'ingressclass', 'ingressclasses', 'certificatesigningrequest', 'certificatesigningrequests', 'csr',
  'runtimeclass', 'runtimeclasses', 'csidriver', 'csidrivers', 'csinode', 'csinodes', 'volumeattachment', 'volumeattachments',
  'validatingwebhookconfiguration', 'validatingwebhookconfigurations', 'mutatingwebhookconfiguration', 'mutatingwebhookconfigurations',
  'apiservice', 'apiservices', 'componentstatus', 'componentstatuses', 'cs',
]);

export function clusterScoped(resource: string): boolean {
  const type = resource.split('/')[0].split('.')[0].toLowerCase();
  return CLUSTER_SCOPED.has(type);
}

/** "deployment/web in namespace dev" (or without the namespace for cluster-scoped types). */
export function where(resource: string, check: Check): string {
  if (clusterScoped(resource)) return resource;
  return `${resource} in namespace ${namespaceOf(check)}`;
}

export function cap(s: string, n = 400): string {
  const t = s.trim();
  return t.length > n ? `${t.slice(0, n)}… (${t.length - n} more characters)` : t;
}

export function quote(s: string): string {
  return s === '' ? '(empty)' : JSON.stringify(s);
}

export function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function pass(expected: string, actual: string, message: string): Verdict {
  return { passed: true, expected, actual, message };
}

export function fail(expected: string, actual: string, message: string): Verdict {
  return { passed: false, expected, actual, message };
}

/** A label selector from "a=b,c=d" or a {a: b} map, as kubectl's -l text. */
export function selectorText(sel: unknown): string | undefined {
  if (sel === undefined || sel === null || sel === '') return undefined;
  if (typeof sel === 'string') return sel;
  if (typeof sel === 'object') return Object.entries(sel as Record<string, unknown>).map(([k, v]) => `${k}=${v}`).join(',');
  return String(sel);
}

/** Parses "a=b,c=d" (or a map) into a map; keys without a value map to undefined (key must exist). */
export function selectorMap(sel: unknown): Record<string, string | undefined> {
  if (sel && typeof sel === 'object') return Object.fromEntries(Object.entries(sel as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const out: Record<string, string | undefined> = {};
  for (const part of String(sel ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i < 0) out[part] = undefined;
    else out[part.slice(0, i).replace(/=$/, '').trim()] = part.slice(i + 1).replace(/^=/, '').trim();
  }
  return out;
}

/** The Ready condition of a pod or node: "True" | "False" | "Unknown" | undefined. */
export function condition(obj: any, type: string): any {
  return (obj?.status?.conditions ?? []).find((c: any) => c.type === type);
}

export function podReady(pod: any): boolean {
  return condition(pod, 'Ready')?.status === 'True';
}

/** Why a pod is not Ready, in kubectl's STATUS words (CrashLoopBackOff, ImagePullBackOff, Pending, …). */
export function podStatusWord(pod: any): string {
  if (pod?.metadata?.deletionTimestamp) return 'Terminating';
  const statuses = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') return s.state.waiting.reason;
    if (s.state?.terminated?.reason && pod?.status?.phase === 'Running') return s.state.terminated.reason;
  }
  if (pod?.status?.phase === 'Pending') {
    const sched = condition(pod, 'PodScheduled');
    if (sched?.status === 'False') return `Pending (${sched.reason ?? 'Unschedulable'}${sched.message ? `: ${sched.message}` : ''})`;
  }
  if (pod?.status?.phase === 'Running' && !podReady(pod)) return 'Running, not Ready';
  return pod?.status?.phase ?? 'Unknown';
}

export function normaliseImage(image: string): string {
  return image.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '').replace(/^index\.docker\.io\/library\//, '');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Node a node-side check runs on: its own `node`, else controlplane (the task's node does not move checks). */
export function nodeOf(check: Check): string | undefined {
  return typeof check.node === 'string' && check.node ? check.node : undefined;
}
