// node: a Node's readiness, schedulability, taints, labels and kubelet version.
import type { Grader } from './types.ts';
import { condition, fail, getJson, pass } from './util.ts';

const taintForm = { type: 'string', pattern: '^[^=:\\s]+(=[^:\\s]*)?(:(NoSchedule|PreferNoSchedule|NoExecute))?$' };

interface Taint { key: string; value?: string; effect?: string }

export function parseTaint(text: string): Taint {
  const [kv, effect] = text.split(':');
  const i = kv.indexOf('=');
  return i < 0 ? { key: kv, effect } : { key: kv.slice(0, i), value: kv.slice(i + 1), effect };
}

function taintText(t: any): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

function hasTaint(taints: any[], want: Taint): boolean {
  return taints.some((t) => t.key === want.key && (want.value === undefined || (t.value ?? '') === want.value) && (want.effect === undefined || t.effect === want.effect));
}

export const node: Grader = {
  type: 'node',
  summary: 'A Node is Ready or not, schedulable or cordoned, has (or lacks) a taint, has a label, runs a kubelet version.',
  params: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1 },
      ready: { type: 'boolean' },
      schedulable: { type: 'boolean' },
      taint: taintForm,
      noTaint: taintForm,
      label: { type: 'string', minLength: 1, description: '"key=value", or "key" for presence' },
      version: { type: 'string', pattern: '^v\\d', description: 'kubelet version prefix, e.g. "v1.35"' },
    },
  },
  async run(session, check) {
    const name = String(check.name);
    const wants: string[] = [];
    if (check.ready !== undefined) wants.push(check.ready ? 'Ready' : 'NotReady');
    if (check.schedulable !== undefined) wants.push(check.schedulable ? 'schedulable' : 'cordoned (SchedulingDisabled)');
    if (check.taint !== undefined) wants.push(`tainted ${check.taint}`);
    if (check.noTaint !== undefined) wants.push(`without taint ${check.noTaint}`);
    if (check.label !== undefined) wants.push(`label ${check.label}`);
    if (check.version !== undefined) wants.push(`kubelet ${check.version}`);
    const expected = `node ${name}${wants.length ? `: ${wants.join(', ')}` : ' exists'}`;
    const r = await getJson(session, [`node/${name}`, '-n', 'default']); // -n: nodes are cluster-scoped, but it lets the read share a call
    if (r.error) return fail(expected, r.error, r.notFound ? `Node ${name} does not exist (${r.error}).` : `Could not read node ${name}: ${r.error}`);
    const n = r.obj;
    const ready = condition(n, 'Ready')?.status === 'True';
    const schedulable = !n.spec?.unschedulable;
    const taints: any[] = n.spec?.taints ?? [];
    const labels: Record<string, string> = n.metadata?.labels ?? {};
    const version: string = n.status?.nodeInfo?.kubeletVersion ?? '';
    const problems: string[] = [];
    if (check.ready !== undefined && ready !== check.ready) problems.push(ready ? 'it is Ready' : `it is NotReady${condition(n, 'Ready')?.message ? ` (${condition(n, 'Ready').message})` : ''}`);
    if (check.schedulable !== undefined && schedulable !== check.schedulable) problems.push(schedulable ? 'it is schedulable' : 'it is cordoned (SchedulingDisabled)');
    if (check.taint !== undefined && !hasTaint(taints, parseTaint(String(check.taint)))) problems.push(`it has no taint ${check.taint}`);
    if (check.noTaint !== undefined && hasTaint(taints, parseTaint(String(check.noTaint)))) problems.push(`it still has the taint ${check.noTaint}`);
    if (check.label !== undefined) {
      const l = String(check.label);
      const i = l.indexOf('=');
      const [k, v] = i < 0 ? [l, undefined] : [l.slice(0, i), l.slice(i + 1)];
      if (!(k in labels)) problems.push(`it has no label ${k}`);
      else if (v !== undefined && labels[k] !== v) problems.push(`its label is ${k}=${labels[k]}`);
    }
    if (check.version !== undefined && !version.startsWith(String(check.version))) problems.push(`its kubelet is ${version || 'unknown'}`);
    const actual = `${ready ? 'Ready' : 'NotReady'}${schedulable ? '' : ',SchedulingDisabled'}; taints: ${taints.map(taintText).join(', ') || 'none'}; kubelet ${version}`;
    if (!problems.length) return pass(expected, actual, `Node ${name} is as expected (${wants.join(', ') || 'exists'}).`);
    return fail(expected, actual, `Node ${name}: ${problems.join('; ')}.`);
  },
};
