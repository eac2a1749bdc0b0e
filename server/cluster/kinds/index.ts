// Every kind the simulated API server serves, in discovery order per group.
import type { KindDef } from './types.ts';
import { CORE_KINDS } from './core.ts';
import { APPS_KINDS } from './apps.ts';
import { BATCH_KINDS } from './batch.ts';
import { RBAC_KINDS } from './rbac.ts';
import { NETWORKING_KINDS } from './networking.ts';
import { STORAGE_KINDS } from './storage.ts';
import { POLICY_KINDS } from './policy.ts';
import { DISCOVERY_KINDS } from './discovery.ts';
import { COORDINATION_KINDS } from './coordination.ts';
import { SCHEDULING_KINDS } from './scheduling.ts';
import { AUTOSCALING_KINDS } from './autoscaling.ts';
import { CERTIFICATES_KINDS } from './certificates.ts';
import { EVENTS_KINDS } from './events.ts';
import { APIEXTENSIONS_KINDS } from './apiextensions.ts';
import { ADMISSIONREGISTRATION_KINDS } from './admissionregistration.ts';
import { NODE_KINDS } from './node.ts';
import { AUTHORIZATION_KINDS } from './authorization.ts';
import { AUTHENTICATION_KINDS } from './authentication.ts';

export const KINDS: KindDef[] = [
  ...CORE_KINDS,
  ...APPS_KINDS,
  ...BATCH_KINDS,
  ...AUTOSCALING_KINDS,
  ...RBAC_KINDS,
  ...NETWORKING_KINDS,
  ...STORAGE_KINDS,
  ...POLICY_KINDS,
  ...DISCOVERY_KINDS,
  ...COORDINATION_KINDS,
  ...SCHEDULING_KINDS,
  ...CERTIFICATES_KINDS,
  ...EVENTS_KINDS,
  ...APIEXTENSIONS_KINDS,
  ...ADMISSIONREGISTRATION_KINDS,
  ...NODE_KINDS,
  ...AUTHORIZATION_KINDS,
  ...AUTHENTICATION_KINDS,
];

/** The declaration serving group/version/plural, if any. */
export function findKind(group: string, version: string, plural: string): KindDef | undefined {
  return KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
}
