// discovery.k8s.io/v1: EndpointSlice.
import type { FieldError, KindDef } from './types.ts';
import { ageCol, col, listWithMore, nameCol } from './format.ts';
import { immutable, notSupported, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];

export const EndpointSlice: KindDef = {
  group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', namespaced: true,
  schemaType: 'io.k8s.api.discovery.v1.EndpointSlice',
  columns: [
    nameCol(),
    col('AddressType', 'string', 'Type of the addresses.', (o) => o.addressType ?? ''),
    col('Ports', 'string', 'Ports of the endpoints.', (o) => listWithMore((o.ports ?? []).map((p: any) => (p.port != null ? String(p.port) : p.name ?? '*')))),
    col('Endpoints', 'string', 'Addresses of the endpoints.', (o) => listWithMore((o.endpoints ?? []).flatMap((e: any) => e.addresses ?? []))),
    ageCol(),
  ],
  prepareForCreate: (o) => { for (const p of o.ports ?? []) { p.name ??= ''; p.protocol ??= 'TCP'; } },
  prepareForUpdate: (o) => { for (const p of o.ports ?? []) { p.name ??= ''; p.protocol ??= 'TCP'; } },
  validate: metaThen(true, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    if (!o.addressType) errs.push(required('addressType'));
    else if (!ADDRESS_TYPES.includes(o.addressType)) errs.push(notSupported('addressType', o.addressType, ADDRESS_TYPES));
    (o.endpoints ?? []).forEach((e: any, i: number) => { if (!(e.addresses ?? []).length) errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address')); });
    return errs;
  }),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.addressType, old.addressType, 'addressType')),
};

export const DISCOVERY_KINDS: KindDef[] = [EndpointSlice];
