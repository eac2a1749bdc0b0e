// exists / absent: a kubectl resource (type/name, or a type: "some object of that type") is there or not.
import type { Grader } from './types.ts';
import { fail, getJson, itemsOf, namespaceOf, pass, plural, selectorText, where } from './util.ts';

const params = {
  type: 'object',
  required: ['resource'],
  properties: {
    resource: { type: 'string', minLength: 1, description: 'kubectl type/name ("deployment/web", "svc/api") or a type ("pods")' },
    namespace: { type: 'string', minLength: 1 },
    selector: { type: ['string', 'object'], description: 'label selector, with a type only' },
  },
};

async function look(session: Parameters<Grader['run']>[0], check: Parameters<Grader['run']>[1]) {
  const resource = String(check.resource);
  const sel = selectorText(check.selector);
  const r = await getJson(session, [resource, '-n', namespaceOf(check), ...(sel ? ['-l', sel] : [])]);
  const live = itemsOf(r.obj).filter((o) => !o?.metadata?.deletionTimestamp);
  const terminating = itemsOf(r.obj).length - live.length;
  return { resource, sel, r, live, terminating, named: resource.includes('/') };
}

export const exists: Grader = {
  type: 'exists',
  summary: 'A Kubernetes object exists (type/name), or at least one object of a type (optionally with a label selector).',
  params,
  async run(session, check) {
    const { resource, sel, r, live, named } = await look(session, check);
    const what = where(resource, check) + (sel ? ` with labels ${sel}` : '');
    if (r.error && !r.notFound) return fail(`${what} exists`, r.error, `Could not read ${what}: ${r.error}`);
    if (named) {
      if (r.notFound) return fail(`${what} exists`, r.error!, `${what} does not exist (${r.error}).`);
      if (!live.length) return fail(`${what} exists`, `${resource} is being deleted`, `${what} is being deleted.`);
      return pass(`${what} exists`, `${resource} exists`, `${what} exists.`);
    }
    if (!live.length) return fail(`at least one ${what}`, 'No resources found', `No ${what} exists.`);
    const names = live.map((o) => o.metadata?.name).slice(0, 5).join(', ');
    return pass(`at least one ${what}`, `${plural(live.length, 'object')}: ${names}`, `${what} exists (${names}).`);
  },
};

export const absent: Grader = {
  type: 'absent',
  summary: 'A Kubernetes object does not exist (type/name), or no object of a type (optionally with a label selector).',
  params,
  async run(session, check) {
    const { resource, sel, r, live, terminating, named } = await look(session, check);
    const what = where(resource, check) + (sel ? ` with labels ${sel}` : '');
    if (r.notFound) return pass(`${what} absent`, r.error!, `${what} is gone.`);
    if (r.error) return fail(`${what} absent`, r.error, `Could not read ${what}: ${r.error}`);
    if (!live.length) {
      const actual = terminating ? `${plural(terminating, 'object')} being deleted` : 'No resources found';
      return pass(`${what} absent`, actual, named ? `${what} is being deleted.` : `No ${what} remains.`);
    }
    const names = live.map((o) => `${o.kind?.toLowerCase() ?? ''}/${o.metadata?.name}`).slice(0, 5).join(', ');
    return fail(`${what} absent`, `still there: ${names}`, named ? `${what} still exists.` : `${what} still exists: ${names}.`);
  },
};
