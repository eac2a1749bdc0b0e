// apps/v1: Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision.
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, formatLabelSelector, formatLabels, labelSelectorString, nameCol, templateCols, replicaCountCols } from './format.ts';
import {
  immutable, invalid, isEmptySelector, nonNegative, notSupported, required, selectorMatches, selectorMismatch,
  validateLabelSelector,
} from './validation.ts';
import { defaultPVCSpec, defaultPodTemplate, metaThen, metaUpdateThen, validatePodTemplate } from './core.ts';
import { goLabelSelector } from './format.ts';

const SCALE = { name: 'scale', verbs: ['get', 'patch', 'update'], responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } };
const STATUS = { name: 'status', verbs: ['get', 'patch', 'update'] };

function ensure(obj: any, key: string): any {
  if (obj[key] == null || typeof obj[key] !== 'object') obj[key] = {};
  return obj[key];
}
function setDefault(obj: any, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** Selector and template checks shared by the workloads; `kindWord` names the kind in the empty-selector text. */
export function validateWorkloadSelector(o: KObject, kindWord: string, onlyAlways = true): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  const sel = spec.selector;
  if (sel == null) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (isEmptySelector(sel)) errs.push(invalid('spec.selector', sel, `empty selector is invalid for ${kindWord}`, goLabelSelector(sel)));
  }
  if (!spec.template) {
    errs.push(required('spec.template'));
    return errs;
  }
  const labels = spec.template.metadata?.labels;
  if (sel != null && !isEmptySelector(sel) && !selectorMatches(sel, labels)) errs.push(selectorMismatch('spec.template.metadata.labels', labels));
  // a StatefulSet's containers may mount its volumeClaimTemplates by name: the controller adds
  // them as volumes of each pod, so they count as volumes here
  const claims: string[] = (spec.volumeClaimTemplates ?? []).map((t: any) => t?.metadata?.name).filter(Boolean);
  const template = claims.length
    ? { ...spec.template, spec: { ...spec.template.spec, volumes: [...(spec.template.spec?.volumes ?? []), ...claims.filter((n) => !(spec.template.spec?.volumes ?? []).some((v: any) => v?.name === n)).map((name) => ({ name, emptyDir: {} }))] } }
    : spec.template;
  errs.push(...validatePodTemplate(template, 'spec.template'));
  const rp = spec.template.spec?.restartPolicy;
  if (onlyAlways && rp !== undefined && rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (spec.template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push({ type: 'Forbidden', field: 'spec.template.spec.activeDeadlineSeconds', detail: 'activeDeadlineSeconds in ReplicaSet is not Supported' });
  }
  return errs;
}

function selectorImmutable(o: KObject, old: KObject): FieldError[] {
  return immutable(o.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector(o.spec?.selector));
}

function percentOrInt(v: unknown, total = 100): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? ''));
  return m ? (Number(m[1]) * total) / 100 : NaN;
}

function validateIntOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
  const s = String(v);
  if (!/^\d+%$/.test(s)) return [invalid(field, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  if (Number(s.slice(0, -1)) > 100) return [invalid(field, s, 'must not be greater than 100%')];
  return [];
}

// ---- Deployment ----

function validateDeploymentSpec(o: KObject): FieldError[] {
  const errs: FieldError[] = [...nonNegative(o.spec?.replicas, 'spec.replicas')];
  errs.push(...validateWorkloadSelector(o, 'deployment'));
  const st = o.spec?.strategy ?? {};
  if (st.type && !['Recreate', 'RollingUpdate'].includes(st.type)) errs.push(notSupported('spec.strategy.type', st.type, ['Recreate', 'RollingUpdate']));
  if (st.type === 'Recreate' && st.rollingUpdate) {
    errs.push({ type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: 'may not be specified when strategy `type` is \'Recreate\'' });
  }
  const ru = st.rollingUpdate;
  if (ru) {
    errs.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
    errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
    if (percentOrInt(ru.maxUnavailable) === 0 && percentOrInt(ru.maxSurge) === 0) {
      errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
  }
  errs.push(...nonNegative(o.spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  errs.push(...nonNegative(o.spec?.minReadySeconds, 'spec.minReadySeconds'));
  const pds = o.spec?.progressDeadlineSeconds;
  if (pds !== undefined && pds <= (o.spec?.minReadySeconds ?? 0)) {
    errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

function defaultDeployment(o: KObject): void {
  const spec = ensure(o, 'spec');
  setDefault(spec, 'replicas', 1);
  const st = ensure(spec, 'strategy');
  setDefault(st, 'type', 'RollingUpdate');
  if (st.type === 'RollingUpdate') {
    const ru = ensure(st, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  if (spec.template) defaultPodTemplate(spec.template);
}

export const Deployment: KindDef = {
  group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment', namespaced: true,
  shortNames: ['deploy'], categories: ['all'],
  schemaType: 'io.k8s.api.apps.v1.Deployment',
  subresources: [STATUS, SCALE],
  columns: [
    nameCol(),
    col('Ready', 'string', 'Ready replicas out of desired.', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`),
    col('Up-to-date', 'string', 'Replicas running the latest template.', (o) => o.status?.updatedReplicas ?? 0),
    col('Available', 'string', 'Replicas available to users.', (o) => o.status?.availableReplicas ?? 0),
    ageCol(),
    ...templateCols((o) => o.spec?.template?.spec, (o) => {
      const s = labelSelectorString(o.spec?.selector);
      return s === undefined ? '<invalid>' : s;
    }),
  ],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultDeployment(o);
    o.status = {};
  },
  prepareForUpdate: (o, old) => {
    defaultDeployment(o);
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validateDeploymentSpec),
  validateUpdate: metaUpdateThen((o, old) => [...validateDeploymentSpec(o), ...selectorImmutable(o, old)]),
};

// ---- ReplicaSet ----

export const ReplicaSet: KindDef = {
  group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', namespaced: true,
  shortNames: ['rs'], categories: ['all'],
  schemaType: 'io.k8s.api.apps.v1.ReplicaSet',
  subresources: [STATUS, SCALE],
  columns: [
    nameCol(),
    ...replicaCountCols(),
    ageCol(),
    ...templateCols((o) => o.spec?.template?.spec, (o) => formatLabelSelector(o.spec?.selector)),
  ],
  selectableFields: (o) => ({ 'status.replicas': String(o.status?.replicas ?? 0) }),
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    const spec = ensure(o, 'spec');
    setDefault(spec, 'replicas', 1);
    if (spec.template) defaultPodTemplate(spec.template);
    o.status = { replicas: 0 };
  },
  prepareForUpdate: (o, old) => {
    if (o.spec?.template) defaultPodTemplate(o.spec.template);
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', (o) => [...nonNegative(o.spec?.replicas, 'spec.replicas'), ...validateWorkloadSelector(o, 'deployment')]),
  validateUpdate: metaUpdateThen((o, old) => [
    ...nonNegative(o.spec?.replicas, 'spec.replicas'), ...validateWorkloadSelector(o, 'deployment'), ...selectorImmutable(o, old),
  ]),
};

// ---- DaemonSet ----

function defaultDaemonSet(o: KObject): void {
  const spec = ensure(o, 'spec');
  const us = ensure(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = ensure(us, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  if (spec.template) defaultPodTemplate(spec.template);
}

function validateDaemonSetSpec(o: KObject): FieldError[] {
  const errs = validateWorkloadSelector(o, 'daemonset');
  const us = o.spec?.updateStrategy ?? {};
  if (us.type && !['OnDelete', 'RollingUpdate'].includes(us.type)) errs.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']));
  return errs;
}

export const DaemonSet: KindDef = {
  group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', namespaced: true,
  shortNames: ['ds'], categories: ['all'],
  schemaType: 'io.k8s.api.apps.v1.DaemonSet',
  subresources: [STATUS],
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Nodes that should run the pod.', (o) => o.status?.desiredNumberScheduled ?? 0),
    col('Current', 'integer', 'Nodes running the pod.', (o) => o.status?.currentNumberScheduled ?? 0),
    col('Ready', 'integer', 'Nodes with a ready pod.', (o) => o.status?.numberReady ?? 0),
    col('Up-to-date', 'integer', 'Nodes running the latest template.', (o) => o.status?.updatedNumberScheduled ?? 0),
    col('Available', 'integer', 'Nodes with an available pod.', (o) => o.status?.numberAvailable ?? 0),
    col('Node Selector', 'string', 'Node selector of the template.', (o) => formatLabels(o.spec?.template?.spec?.nodeSelector)),
    ageCol(),
    ...templateCols((o) => o.spec?.template?.spec, (o) => formatLabelSelector(o.spec?.selector)),
  ],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultDaemonSet(o);
    o.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  },
  prepareForUpdate: (o, old) => {
    defaultDaemonSet(o);
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validateDaemonSetSpec),
  validateUpdate: metaUpdateThen((o, old) => [...validateDaemonSetSpec(o), ...selectorImmutable(o, old)]),
};

// ---- StatefulSet ----

function defaultStatefulSet(o: KObject): void {
  const spec = ensure(o, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const us = ensure(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') setDefault(ensure(us, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  const ret = ensure(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(ret, 'whenDeleted', 'Retain');
  setDefault(ret, 'whenScaled', 'Retain');
  for (const t of spec.volumeClaimTemplates ?? []) {
    setDefault(t, 'apiVersion', 'v1');
    setDefault(t, 'kind', 'PersistentVolumeClaim');
    defaultPVCSpec(ensure(t, 'spec'));
    setDefault(t, 'status', { phase: 'Pending' });
  }
  if (spec.template) defaultPodTemplate(spec.template);
}

const STS_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function validateStatefulSetSpec(o: KObject): FieldError[] {
  const errs: FieldError[] = [...nonNegative(o.spec?.replicas, 'spec.replicas')];
  errs.push(...validateWorkloadSelector(o, 'statefulset'));
  const pmp = o.spec?.podManagementPolicy;
  if (pmp && !['OrderedReady', 'Parallel'].includes(pmp)) errs.push(notSupported('spec.podManagementPolicy', pmp, ['OrderedReady', 'Parallel']));
  return errs;
}

export const StatefulSet: KindDef = {
  group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', namespaced: true,
  shortNames: ['sts'], categories: ['all'],
  schemaType: 'io.k8s.api.apps.v1.StatefulSet',
  subresources: [STATUS, SCALE],
  columns: [
    nameCol(),
    col('Ready', 'string', 'Ready replicas out of desired.', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`),
    ageCol(),
    ...templateCols((o) => o.spec?.template?.spec),
  ],
  generation: true,
  hasStatus: true,
  prepareForCreate: (o) => {
    defaultStatefulSet(o);
    o.status = { replicas: 0, availableReplicas: 0 };
  },
  prepareForUpdate: (o, old) => {
    defaultStatefulSet(o);
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validateStatefulSetSpec),
  validateUpdate: metaUpdateThen((o, old) => {
    const errs = validateStatefulSetSpec(o);
    const strip = (s: any): any => {
      const c = JSON.parse(JSON.stringify(s ?? {}));
      for (const k of ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']) delete c[k];
      return c;
    };
    if (JSON.stringify(strip(o.spec)) !== JSON.stringify(strip(old.spec))) errs.push({ type: 'Forbidden', field: 'spec', detail: STS_UPDATE_FORBIDDEN });
    return errs;
  }),
};

// ---- ControllerRevision ----

export const ControllerRevision: KindDef = {
  group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', namespaced: true,
  schemaType: 'io.k8s.api.apps.v1.ControllerRevision',
  columns: [
    nameCol(),
    col('Controller', 'string', 'Owner of the revision.', (o) => {
      const ref = (o.metadata?.ownerReferences ?? []).find((r: any) => r.controller === true);
      if (!ref) return '<none>';
      const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0] : '';
      const gk = group ? `${ref.kind}.${group}` : ref.kind;
      return `${String(gk).toLowerCase()}/${ref.name}`;
    }),
    col('Revision', 'string', 'Revision number.', (o) => o.revision ?? 0),
    ageCol(),
  ],
  validate: metaThen(true, 'subdomain', (o) => nonNegative(o.revision, 'revision')),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.data, old.data, 'data')),
};

export const APPS_KINDS: KindDef[] = [Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision];
