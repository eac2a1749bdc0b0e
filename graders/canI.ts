// canI: `kubectl auth can-i` as a user or service account, through the API server's RBAC.
import type { Grader } from './types.ts';
import { fail, kubectl, kubectlError, pass } from './util.ts';

export const canI: Grader = {
  type: 'canI',
  summary: 'kubectl auth can-i VERB RESOURCE --as USER (a user or system:serviceaccount:NS:SA) answers yes or no as expected.',
  params: {
    type: 'object',
    required: ['as', 'verb', 'resource', 'expect'],
    properties: {
      as: { type: 'string', minLength: 1 },
      verb: { type: 'string', minLength: 1 },
      resource: { type: 'string', minLength: 1 },
      namespace: { type: 'string', minLength: 1 },
      subresource: { type: 'string', minLength: 1 },
      expect: { type: 'boolean' },
    },
  },
  async run(session, check) {
    const ns = typeof check.namespace === 'string' ? check.namespace : 'default';
    const args = ['auth', 'can-i', String(check.verb), String(check.resource), `--as=${check.as}`, '-n', ns];
    if (typeof check.subresource === 'string') args.push(`--subresource=${check.subresource}`);
    const shown = `kubectl auth can-i ${check.verb} ${check.resource}${check.subresource ? ` --subresource=${check.subresource}` : ''} --as=${check.as} -n ${ns}`;
    const want = check.expect ? 'yes' : 'no';
    const r = await kubectl(session, args);
    const word = r.stdout.trim().split(/\s+/)[0];
    if (word !== 'yes' && word !== 'no') {
      const err = kubectlError(r);
      return fail(`${shown} → ${want}`, err, `Could not ask the API server: ${err}`);
    }
    const who = String(check.as).startsWith('system:serviceaccount:') ? `Service account ${String(check.as).split(':').slice(2).join('/')}` : `User ${check.as}`;
    const action = `${check.verb} ${check.resource}${check.subresource ? `/${check.subresource}` : ''} in namespace ${ns}`;
    const sentence = `${who} ${word === 'yes' ? 'can' : 'cannot'} ${action}`;
    return word === want
      ? pass(`${shown} → ${want}`, word, `${sentence}, as expected.`)
      : fail(`${shown} → ${want}`, word, `${sentence}; expected ${check.expect ? 'allowed' : 'forbidden'}.`);
  },
};
