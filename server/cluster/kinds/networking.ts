// networking.k8s.io/v1: NetworkPolicy, Ingress, IngressClass, IPAddress, ServiceCIDR.
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, formatLabelSelector, nameCol } from './format.ts';
import { forbidden, immutable, invalid, isDNS1123Subdomain, isValidPortNum, notSupported, required, validateLabelSelector } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

const G = 'networking.k8s.io';

function ensure(obj: any, key: string): any {
  if (obj[key] == null || typeof obj[key] !== 'object') obj[key] = {};
  return obj[key];
}

// ---- NetworkPolicy ----

function defaultNetworkPolicy(o: KObject): void {
  const spec = ensure(o, 'spec');
  ensure(spec, 'podSelector');
  for (const dir of ['ingress', 'egress']) {
    for (const rule of spec[dir] ?? []) for (const p of rule.ports ?? []) if (p.protocol == null) p.protocol = 'TCP';
  }
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress'];
    if ((spec.egress ?? []).length > 0) spec.policyTypes.push('Egress');
  }
}

function validatePeer(peer: any, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const set = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => peer?.[k] != null);
  if (set.length === 0) errs.push(required(p, 'must specify a peer'));
  if (peer?.ipBlock && (peer.podSelector || peer.namespaceSelector)) errs.push(forbidden(p, 'may not specify both ipBlock and another peer'));
  if (peer?.podSelector) errs.push(...validateLabelSelector(peer.podSelector, `${p}.podSelector`));
  if (peer?.namespaceSelector) errs.push(...validateLabelSelector(peer.namespaceSelector, `${p}.namespaceSelector`));
  if (peer?.ipBlock) {
    const cidr = peer.ipBlock.cidr;
    if (!cidr) errs.push(required(`${p}.ipBlock.cidr`));
    else if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(cidr)) errs.push(invalid(`${p}.ipBlock.cidr`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  }
  return errs;
}

function validateNetworkPolicy(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  errs.push(...validateLabelSelector(spec.podSelector, 'spec.podSelector'));
  for (const dir of ['ingress', 'egress'] as const) {
    const peerKey = dir === 'ingress' ? 'from' : 'to';
    (spec[dir] ?? []).forEach((rule: any, i: number) => {
      (rule.ports ?? []).forEach((port: any, j: number) => {
        const pp = `spec.${dir}[${i}].ports[${j}]`;
        if (port.protocol && !['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(`${pp}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
        if (typeof port.port === 'number') for (const m of isValidPortNum(port.port)) errs.push(invalid(`${pp}.port`, port.port, m));
        if (port.endPort !== undefined) {
          if (typeof port.port !== 'number') errs.push(required(`${pp}.port`, 'must be specified when endPort is specified'));
          else if (port.endPort < port.port) errs.push(invalid(`${pp}.endPort`, port.endPort, 'must be greater than or equal to `port`'));
        }
      });
      (rule[peerKey] ?? []).forEach((peer: any, j: number) => errs.push(...validatePeer(peer, `spec.${dir}[${i}].${peerKey}[${j}]`)));
    });
  }
  for (const t of spec.policyTypes ?? []) if (!['Ingress', 'Egress'].includes(t)) errs.push(notSupported('spec.policyTypes', t, ['Ingress', 'Egress']));
  return errs;
}

export const NetworkPolicy: KindDef = {
  group: G, version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', namespaced: true,
  shortNames: ['netpol'],
  schemaType: 'io.k8s.api.networking.v1.NetworkPolicy',
  columns: [
    nameCol(),
    col('Pod-Selector', 'string', 'Pods the policy applies to.', (o) => formatLabelSelector(o.spec?.podSelector ?? {})),
    ageCol(),
  ],
  generation: true,
  prepareForCreate: defaultNetworkPolicy,
  prepareForUpdate: defaultNetworkPolicy,
  validate: metaThen(true, 'subdomain', validateNetworkPolicy),
  validateUpdate: metaUpdateThen(validateNetworkPolicy),
};

// ---- Ingress ----

function ingressHosts(o: KObject): string {
  const rules: any[] = o.spec?.rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const s = list.join(',');
  return more ? `${s} + ${rules.length - 3} more...` : s;
}

function ingressAddress(o: KObject): string {
  const set = new Set<string>();
  for (const i of o.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: any, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (b?.service && b?.resource) errs.push(invalid(p, '', 'cannot set both resource and service backends'));
  else if (b?.service) {
    if (!b.service.name) errs.push(required(`${p}.service.name`));
    const port = b.service.port ?? {};
    if (port.name && port.number) errs.push(invalid(`${p}.service.port`, '', 'cannot set both port name & port number'));
    else if (!port.name && !port.number) errs.push(invalid(`${p}.service.port`, '', 'port name or number is required'));
    else if (port.number) for (const m of isValidPortNum(port.number)) errs.push(invalid(`${p}.service.port.number`, port.number, m));
  } else if (!b?.resource) errs.push(invalid(p, '', 'resource or service backend is required'));
  return errs;
}

function validateIngress(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  if (!spec.defaultBackend && (spec.rules ?? []).length === 0) errs.push(invalid('spec.rules', [], 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  (spec.rules ?? []).forEach((r: any, i: number) => {
    const p = `spec.rules[${i}]`;
    if (r.host) {
      const h = String(r.host);
      const check = h.startsWith('*.') ? h.slice(2) : h;
      for (const m of isDNS1123Subdomain(check)) errs.push(invalid(`${p}.host`, h, m));
    }
    (r.http?.paths ?? []).forEach((hp: any, j: number) => {
      const pp = `${p}.http.paths[${j}]`;
      if (!hp.pathType) errs.push(required(`${pp}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(hp.pathType)) errs.push(notSupported(`${pp}.pathType`, hp.pathType, PATH_TYPES));
      if ((hp.pathType === 'Exact' || hp.pathType === 'Prefix') && !String(hp.path ?? '').startsWith('/')) {
        errs.push(invalid(`${pp}.path`, hp.path ?? '', 'must be an absolute path'));
      }
      errs.push(...validateBackend(hp.backend, `${pp}.backend`));
    });
  });
  if (spec.ingressClassName) for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push(invalid('spec.ingressClassName', spec.ingressClassName, m));
  return errs;
}

export const Ingress: KindDef = {
  group: G, version: 'v1', kind: 'Ingress', plural: 'ingresses', singular: 'ingress', namespaced: true,
  shortNames: ['ing'],
  schemaType: 'io.k8s.api.networking.v1.Ingress',
  etcdResource: 'ingress',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('Class', 'string', 'Ingress class.', (o) => o.spec?.ingressClassName ?? '<none>'),
    col('Hosts', 'string', 'Hosts the rules match.', ingressHosts),
    col('Address', 'string', 'Load-balancer addresses.', ingressAddress),
    col('Ports', 'string', 'Ports served.', (o) => ((o.spec?.tls ?? []).length ? '80, 443' : '80')),
    ageCol(),
  ],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => { o.status = { loadBalancer: {} }; },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(true, 'subdomain', validateIngress),
  validateUpdate: metaUpdateThen(validateIngress),
};

// ---- IngressClass ----

export const IngressClass: KindDef = {
  group: G, version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', singular: 'ingressclass', namespaced: false,
  schemaType: 'io.k8s.api.networking.v1.IngressClass',
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller handling the class.', (o) => o.spec?.controller ?? ''),
    col('Parameters', 'string', 'Parameters resource.', (o) => {
      const p = o.spec?.parameters;
      if (!p) return '<none>';
      return `${p.kind}${p.apiGroup != null ? `.${p.apiGroup}` : ''}/${p.name}`;
    }),
    ageCol(),
  ],
  generation: true,
  validate: metaThen(false, 'subdomain', (o) => (o.spec?.controller ? [] : [required('spec.controller')])),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.spec?.controller, old.spec?.controller, 'spec.controller')),
};

// ---- IPAddress, ServiceCIDR ----

export const IPAddress: KindDef = {
  group: G, version: 'v1', kind: 'IPAddress', plural: 'ipaddresses', singular: 'ipaddress', namespaced: false,
  shortNames: ['ip'],
  schemaType: 'io.k8s.api.networking.v1.IPAddress',
  columns: [
    nameCol(),
    col('ParentRef', 'string', 'Object the address is allocated to.', (o) => {
      const p = o.spec?.parentRef;
      if (!p) return '<none>';
      const gr = p.group ? `${p.resource}.${p.group}` : p.resource;
      return `${String(gr).toLowerCase()}${p.namespace ? `/${p.namespace}` : ''}/${p.name}`;
    }),
  ],
  validate: metaThen(false, 'none', (o) => (o.spec?.parentRef ? [] : [required('spec.parentRef')])),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.spec?.parentRef, old.spec?.parentRef, 'spec.parentRef')),
};

export const ServiceCIDR: KindDef = {
  group: G, version: 'v1', kind: 'ServiceCIDR', plural: 'servicecidrs', singular: 'servicecidr', namespaced: false,
  schemaType: 'io.k8s.api.networking.v1.ServiceCIDR',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: [
    nameCol(),
    col('CIDRs', 'string', 'Service address ranges.', (o) => (o.spec?.cidrs ?? []).join(',')),
    ageCol(),
  ],
  hasStatus: true,
  prepareForCreate: (o) => { o.status = {}; },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  validate: metaThen(false, 'subdomain', (o) => ((o.spec?.cidrs ?? []).length ? [] : [required('spec.cidrs', 'at least one CIDR required')])),
  validateUpdate: metaUpdateThen(),
};

export const NETWORKING_KINDS: KindDef[] = [NetworkPolicy, Ingress, IngressClass, IPAddress, ServiceCIDR];
