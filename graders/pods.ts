// podsReady, podPhase, restartCount: what `kubectl get pods` shows in READY, STATUS and RESTARTS.
import type { Check } from '../scenarios/types.ts';
import type { Grader, SessionHandle } from './types.ts';
import { fail, getJson, itemsOf, namespaceOf, pass, plural, podReady, podStatusWord, selectorText } from './util.ts';

async function pods(session: SessionHandle, check: Check): Promise<{ list: any[]; error?: string; notFound?: boolean; what: string }> {
  const ns = namespaceOf(check);
  const sel = selectorText(check.selector);
  if (typeof check.name === 'string' && check.name) {
    const r = await getJson(session, [`pod/${check.name}`, '-n', ns]);
    return { list: itemsOf(r.obj), error: r.error, notFound: r.notFound, what: `pod ${check.name} in namespace ${ns}` };
  }
  const r = await getJson(session, ['pods', '-n', ns, ...(sel ? ['-l', sel] : [])]);
  return { list: itemsOf(r.obj), error: r.error, what: sel ? `pods with labels ${sel} in namespace ${ns}` : `pods in namespace ${ns}` };
}

/** The sentence for a pod that could not be read. */
function unreadable(what: string, error: string, notFound?: boolean): string {
  return notFound ? `There is no ${what} (${error}).` : `Could not read ${what}: ${error}`;
}

function describe(list: any[], max = 4): string {
  const shown = list.slice(0, max).map((p) => `${p.metadata?.name} ${podStatusWord(p)}`);
  return shown.join(', ') + (list.length > max ? `, … (${list.length - max} more)` : '');
}

export const podsReady: Grader = {
  type: 'podsReady',
  summary: 'Pods (by name or label selector, optionally on a node) are Ready: at least `count`, or all of them.',
  params: {
    type: 'object',
    properties: {
      namespace: { type: 'string', minLength: 1 },
      selector: { type: ['string', 'object'] },
      name: { type: 'string', minLength: 1 },
      count: { type: 'integer', minimum: 1 },
      node: { type: 'string', minLength: 1 },
    },
  },
  async run(session, check) {
    const { list, error, notFound, what } = await pods(session, check);
    const onNode = typeof check.node === 'string' ? ` on node ${check.node}` : '';
    const count = typeof check.count === 'number' ? check.count : undefined;
    const expected = count !== undefined ? `at least ${plural(count, 'Ready pod')} (${what}${onNode})` : `all ${what}${onNode} Ready (at least one)`;
    if (error) return fail(expected, error, unreadable(what, error, notFound));
    // completed pods (Jobs) and pods being deleted are not counted, as a rollout leaves them behind
    const live = list.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && (!onNode || p.spec?.nodeName === check.node));
    const ready = live.filter(podReady);
    const notReady = live.filter((p) => !podReady(p));
    const actual = live.length
      ? `${ready.length}/${live.length} Ready${notReady.length ? `; not Ready: ${describe(notReady)}` : ''}`
      : `no pods found${onNode}`;
    const ok = count !== undefined ? ready.length >= count : live.length > 0 && notReady.length === 0;
    if (ok) return pass(expected, actual, `${ready.length === 1 ? 'The pod' : `${ready.length} pods`} (${what}${onNode}) ${ready.length === 1 ? 'is' : 'are'} Ready.`);
    if (!live.length) return fail(expected, actual, `There are no ${what}${onNode}.`);
    return fail(expected, actual, `${ready.length} of ${live.length} ${what}${onNode} are Ready${notReady.length ? ` (${describe(notReady, 2)})` : ''}${count !== undefined ? `; expected at least ${count}` : ''}.`);
  },
};

export const podPhase: Grader = {
  type: 'podPhase',
  summary: 'A pod (by name) or all pods matching a selector are in a phase (Running, Succeeded, Failed, Pending).',
  params: {
    type: 'object',
    required: ['phase'],
    properties: {
      namespace: { type: 'string', minLength: 1 },
      name: { type: 'string', minLength: 1 },
      selector: { type: ['string', 'object'] },
      phase: { enum: ['Running', 'Succeeded', 'Failed', 'Pending', 'Unknown'] },
    },
    anyOf: [{ required: ['name'] }, { required: ['selector'] }],
  },
  async run(session, check) {
    const { list, error, notFound, what } = await pods(session, check);
    const phase = String(check.phase);
    const expected = `${what} ${phase}`;
    if (error) return fail(expected, error, unreadable(what, error, notFound));
    if (!list.length) return fail(expected, 'No resources found', `There are no ${what}.`);
    const wrong = list.filter((p) => p.status?.phase !== phase);
    const actual = list.map((p) => `${p.metadata?.name} ${p.status?.phase ?? 'Unknown'}${p.status?.phase !== phase && podStatusWord(p) !== p.status?.phase ? ` (${podStatusWord(p)})` : ''}`).slice(0, 5).join(', ');
    if (!wrong.length) return pass(expected, actual, `${list.length === 1 ? `Pod ${list[0].metadata?.name} is` : `All ${list.length} ${what} are`} ${phase}.`);
    return fail(expected, actual, `${list.length === 1 ? `Pod ${list[0].metadata?.name} is ${list[0].status?.phase ?? 'Unknown'}` : `${wrong.length} of ${list.length} ${what} are not ${phase} (${actual})`}; expected ${phase}.`);
  },
};

export const restartCount: Grader = {
  type: 'restartCount',
  summary: "A pod's restart count (all containers, or one) is at most `max` or at least `min`.",
  params: {
    type: 'object',
    required: ['name'],
    properties: {
      namespace: { type: 'string', minLength: 1 },
      name: { type: 'string', minLength: 1 },
      container: { type: 'string', minLength: 1 },
      max: { type: 'integer', minimum: 0 },
      min: { type: 'integer', minimum: 0 },
    },
    anyOf: [{ required: ['max'] }, { required: ['min'] }],
  },
  async run(session, check) {
    const { list, error, notFound, what } = await pods(session, check);
    const bounds = [check.max !== undefined ? `at most ${check.max}` : '', check.min !== undefined ? `at least ${check.min}` : ''].filter(Boolean).join(' and ');
    const cname = typeof check.container === 'string' ? check.container : undefined;
    const subject = cname ? `container ${cname} of pod ${check.name}` : `pod ${check.name}`;
    const expected = `${subject} restarted ${bounds} time(s)`;
    if (error) return fail(expected, error, unreadable(what, error, notFound));
    const pod = list[0];
    const statuses: any[] = pod?.status?.containerStatuses ?? [];
    const chosen = cname ? statuses.filter((s) => s.name === cname) : statuses;
    if (cname && !chosen.length) {
      const names = (pod?.spec?.containers ?? []).map((c: any) => c.name).join(', ');
      return fail(expected, `no container ${cname} (containers: ${names || 'none'})`, `Pod ${check.name} has no container named ${cname} (it has ${names || 'none'}).`);
    }
    const n = chosen.reduce((a, s) => a + (s.restartCount ?? 0), 0);
    const ok = (check.max === undefined || n <= Number(check.max)) && (check.min === undefined || n >= Number(check.min));
    const actual = `${plural(n, 'restart')}`;
    return ok ? pass(expected, actual, `The ${subject} restarted ${plural(n, 'time')}.`) : fail(expected, actual, `The ${subject} restarted ${plural(n, 'time')}; expected ${bounds}.`);
  },
};
