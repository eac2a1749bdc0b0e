// coordination.k8s.io/v1: Lease.
import type { KindDef } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { nonNegative } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

export const Lease: KindDef = {
  group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease', namespaced: true,
  schemaType: 'io.k8s.api.coordination.v1.Lease',
  columns: [
    nameCol(),
    col('Holder', 'string', 'Current holder.', (o) => o.spec?.holderIdentity ?? ''),
    ageCol(),
  ],
  validate: metaThen(true, 'subdomain', (o) => [...nonNegative(o.spec?.leaseDurationSeconds, 'spec.leaseDurationSeconds'), ...nonNegative(o.spec?.leaseTransitions, 'spec.leaseTransitions')]),
  validateUpdate: metaUpdateThen((o) => nonNegative(o.spec?.leaseDurationSeconds, 'spec.leaseDurationSeconds')),
};

export const COORDINATION_KINDS: KindDef[] = [Lease];
