// jsonpath: kubectl's own JSONPath over one object or a list, compared with equals / matches /
// contains / count / oneOf.
import type { Grader } from './types.ts';
import { fail, kubectl, kubectlError, namespaceOf, pass, quote, selectorText, str, where } from './util.ts';

const scalar = { type: ['string', 'number', 'boolean'] };

/** kubectl wants {…}: accept ".spec.replicas" and "spec.replicas" too. */
export function normalisePath(path: string): string {
  if (path.includes('{')) return path;
  return `{${path.startsWith('.') || path.startsWith('[') ? '' : '.'}${path}}`;
}

export const jsonpath: Grader = {
  type: 'jsonpath',
  summary: 'kubectl -o jsonpath over an object or a list, compared with equals, matches, contains, count or oneOf.',
  params: {
    type: 'object',
    required: ['resource', 'path'],
    properties: {
      resource: { type: 'string', minLength: 1, description: '"pod/x" or a type like "pods"' },
      namespace: { type: 'string', minLength: 1 },
      selector: { type: ['string', 'object'] },
      path: { type: 'string', minLength: 1, description: 'kubectl JSONPath, e.g. "{.spec.replicas}"' },
      equals: scalar,
      matches: { type: 'string', minLength: 1 },
      contains: scalar,
      count: { type: 'integer', minimum: 0 },
      oneOf: { type: 'array', items: scalar, minItems: 1 },
    },
    oneOf: [
      { required: ['equals'] }, { required: ['matches'] }, { required: ['contains'] }, { required: ['count'] }, { required: ['oneOf'] },
    ],
  },
  async run(session, check) {
    const resource = String(check.resource);
    const path = normalisePath(String(check.path));
    const sel = selectorText(check.selector);
    const what = where(resource, check) + (sel ? ` with labels ${sel}` : '');
    const r = await kubectl(session, ['get', resource, '-n', namespaceOf(check), ...(sel ? ['-l', sel] : []), '-o', `jsonpath=${path}`]);
    let expected: string;
    const eq = str(check.equals);
    const contains = str(check.contains);
    if (eq !== undefined) expected = quote(eq);
    else if (check.matches !== undefined) expected = `matching /${check.matches}/`;
    else if (contains !== undefined) expected = `containing ${quote(contains)}`;
    else if (check.count !== undefined) expected = `${check.count} value(s)`;
    else expected = `one of ${(check.oneOf as unknown[]).map((v) => quote(String(v))).join(', ')}`;
    if (r.code !== 0) {
      const err = kubectlError(r);
      return fail(`${path} ${expected}`, err, `Could not read ${path} of ${what}: ${err}`);
    }
    const out = r.stdout.trim();
    let ok: boolean;
    let actual = quote(out);
    if (eq !== undefined) ok = out === eq.trim();
    else if (check.matches !== undefined) ok = new RegExp(String(check.matches)).test(out);
    else if (contains !== undefined) ok = out.includes(contains);
    else if (check.count !== undefined) {
      const n = out ? out.split(/\s+/).length : 0;
      ok = n === Number(check.count);
      actual = `${n} value(s)${out ? `: ${out.length > 200 ? out.slice(0, 200) + '…' : out}` : ''}`;
    } else ok = (check.oneOf as unknown[]).some((v) => String(v).trim() === out);
    const subject = `${path} of ${what}`;
    return ok ? pass(expected, actual, `${subject} is ${actual}, as expected.`) : fail(expected, actual, `${subject} is ${actual}; expected ${expected}.`);
  },
};
