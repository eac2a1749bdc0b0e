// events: an Event with a reason (and message) was recorded, optionally for one object.
import type { Grader } from './types.ts';
import { fail, getJson, itemsOf, namespaceOf, pass } from './util.ts';

const KINDS: Record<string, string> = {
  po: 'pod', pods: 'pod', deploy: 'deployment', deployments: 'deployment', rs: 'replicaset', replicasets: 'replicaset',
  ds: 'daemonset', daemonsets: 'daemonset', sts: 'statefulset', statefulsets: 'statefulset', svc: 'service', services: 'service',
  no: 'node', nodes: 'node', jobs: 'job', cj: 'cronjob', cronjobs: 'cronjob', pvc: 'persistentvolumeclaim', persistentvolumeclaims: 'persistentvolumeclaim',
  pv: 'persistentvolume', persistentvolumes: 'persistentvolume', ep: 'endpoints', hpa: 'horizontalpodautoscaler',
};

export const events: Grader = {
  type: 'events',
  summary: 'An Event with a reason (and a message matching a regex) exists in a namespace, optionally about one object.',
  params: {
    type: 'object',
    required: ['reason'],
    properties: {
      namespace: { type: 'string', minLength: 1 },
      object: { type: 'string', pattern: '^[^/]+/[^/]+$', description: '"pod/x"' },
      reason: { type: 'string', minLength: 1 },
      messageMatches: { type: 'string', minLength: 1 },
    },
  },
  async run(session, check) {
    const ns = namespaceOf(check);
    const reason = String(check.reason);
    let kind: string | undefined;
    let name: string | undefined;
    if (typeof check.object === 'string') {
      const [t, n] = check.object.split('/');
      kind = KINDS[t.toLowerCase()] ?? t.toLowerCase().replace(/\..*$/, '');
      name = n;
    }
    const about = name ? ` for ${kind}/${name}` : '';
    const expected = `an event ${reason}${check.messageMatches ? ` with a message matching /${check.messageMatches}/` : ''}${about} in namespace ${ns}`;
    const r = await getJson(session, ['events', '-n', ns]);
    if (r.error) return fail(expected, r.error, `Could not read events: ${r.error}`);
    const mine = itemsOf(r.obj).filter((e) => !name || (e.involvedObject?.name === name && String(e.involvedObject?.kind ?? '').toLowerCase() === kind));
    const re = check.messageMatches ? new RegExp(String(check.messageMatches)) : undefined;
    const hit = mine.find((e) => e.reason === reason && (!re || re.test(e.message ?? '')));
    if (hit) return pass(expected, `${hit.reason}: ${hit.message ?? ''}`.trim(), `Found the event ${reason}${about}: ${hit.message ?? ''}`.trim());
    const seen = [...new Set(mine.map((e) => e.reason))];
    const actual = seen.length ? `events seen${about}: ${seen.slice(0, 8).join(', ')}` : `no events${about}`;
    return fail(expected, actual, `No event ${reason}${about} in namespace ${ns} (${actual}).`);
  },
};
