// serviceEndpoints: a Service has the port / targetPort / selector asked for and ready endpoints
// (from its EndpointSlices, as kube-proxy sees them).
import type { Grader } from './types.ts';
import { fail, getJson, itemsOf, namespaceOf, pass, plural, selectorMap, selectorText } from './util.ts';

export const serviceEndpoints: Grader = {
  type: 'serviceEndpoints',
  summary: 'A Service exposes a port (and targetPort), selects the given labels, and has at least minEndpoints ready endpoints.',
  params: {
    type: 'object',
    required: ['service'],
    properties: {
      namespace: { type: 'string', minLength: 1 },
      service: { type: 'string', minLength: 1 },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      targetPort: { type: ['integer', 'string'] },
      selector: { type: ['string', 'object'], description: 'labels the Service selector must contain ("app=web")' },
      minEndpoints: { type: 'integer', minimum: 0 },
      serviceType: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
    },
  },
  async run(session, check) {
    const ns = namespaceOf(check);
    const name = String(check.service);
    const min = typeof check.minEndpoints === 'number' ? check.minEndpoints : 1;
    const wants: string[] = [];
    if (check.port !== undefined) wants.push(`port ${check.port}`);
    if (check.targetPort !== undefined) wants.push(`targetPort ${check.targetPort}`);
    if (check.serviceType !== undefined) wants.push(`type ${check.serviceType}`);
    if (check.selector !== undefined) wants.push(`selector ${selectorText(check.selector)}`);
    wants.push(`at least ${plural(min, 'ready endpoint')}`);
    const expected = `service ${name}: ${wants.join(', ')}`;
    const [svcR, epR] = await Promise.all([
      getJson(session, [`service/${name}`, '-n', ns]),
      getJson(session, ['endpointslices', '-n', ns, '-l', `kubernetes.io/service-name=${name}`]),
    ]);
    if (svcR.error) return fail(expected, svcR.error, svcR.notFound ? `Service ${name} does not exist in namespace ${ns} (${svcR.error}).` : `Could not read service ${name}: ${svcR.error}`);
    const svc = svcR.obj;
    const ports: any[] = svc.spec?.ports ?? [];
    const sel: Record<string, string> = svc.spec?.selector ?? {};
    const problems: string[] = [];
    const portText = ports.map((p) => `${p.port}→${p.targetPort ?? p.port}${p.nodePort ? ` (nodePort ${p.nodePort})` : ''}`).join(', ') || 'none';
    const matching = ports.filter((p) => (check.port === undefined || p.port === check.port) && (check.targetPort === undefined || String(p.targetPort ?? p.port) === String(check.targetPort)));
    if ((check.port !== undefined || check.targetPort !== undefined) && !matching.length) problems.push(`its ports are ${portText}`);
    if (check.serviceType !== undefined && (svc.spec?.type ?? 'ClusterIP') !== check.serviceType) problems.push(`it is of type ${svc.spec?.type ?? 'ClusterIP'}, not ${check.serviceType}`);
    const selText = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';
    if (check.selector !== undefined) {
      const want = selectorMap(check.selector);
      const missing = Object.entries(want).filter(([k, v]) => !(k in sel) || (v !== undefined && sel[k] !== v));
      if (missing.length) problems.push(`its selector is ${selText}`);
    }
    const addrs = new Set<string>();
    for (const slice of itemsOf(epR.obj)) {
      for (const ep of slice.endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        for (const a of ep.addresses ?? []) addrs.add(a);
      }
    }
    if (epR.error) problems.push(`its endpoints could not be read (${epR.error})`);
    else if (addrs.size < min) problems.push(`it has ${plural(addrs.size, 'ready endpoint')}`);
    const shown = [...addrs].slice(0, 5).join(', ');
    const actual = `ports ${portText}; selector ${selText}; ${plural(addrs.size, 'ready endpoint')}${shown ? ` (${shown})` : ''}`;
    if (!problems.length) return pass(expected, actual, `Service ${name} selects ${selText} and has ${plural(addrs.size, 'ready endpoint')}.`);
    return fail(expected, actual, `Service ${name} is not as expected: ${problems.join('; ')}.`);
  },
};
