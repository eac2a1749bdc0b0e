// autoscaling/v2 and autoscaling/v1: HorizontalPodAutoscaler (one store, two versions).
import type { FieldError, KindDef, KObject } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { invalid, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

function metricCell(spec: any, st: any): string {
  const avg = (v: any): string => (v == null ? '<unknown>' : String(v));
  switch (spec?.type) {
    case 'Resource':
    case 'ContainerResource': {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const cur = spec.type === 'Resource' ? st?.resource : st?.containerResource;
      if (src?.target?.averageValue != null) return `${src.name}: ${cur ? avg(cur.current?.averageValue) : '<unknown>'}/${src.target.averageValue}`;
      const c = cur?.current?.averageUtilization != null ? `${cur.current.averageUtilization}%` : '<unknown>';
      const t = src?.target?.averageUtilization != null ? `${src.target.averageUtilization}%` : '<auto>';
      return `${src?.name}: ${c}/${t}`;
    }
    case 'Pods':
      return `${st?.pods ? avg(st.pods.current?.averageValue) : '<unknown>'}/${spec.pods?.target?.averageValue}`;
    case 'Object':
    case 'External': {
      const src = spec.type === 'Object' ? spec.object : spec.external;
      const cur = spec.type === 'Object' ? st?.object : st?.external;
      if (src?.target?.averageValue != null) {
        return `${cur?.current?.averageValue != null ? cur.current.averageValue : '<unknown>'}/${src.target.averageValue} (avg)`;
      }
      return `${cur ? avg(cur.current?.value) : '<unknown>'}/${src?.target?.value}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The TARGETS cell: at most two metrics, then `+ N more...`. */
export function hpaTargets(o: KObject): string {
  const specs: any[] = o.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses: any[] = o.status?.currentMetrics ?? [];
  const list = specs.map((s, i) => metricCell(s, statuses[i]));
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

/** TARGETS for an autoscaling/v1 object: its single CPU target. */
function hpaV1Targets(o: KObject): string {
  const cur = o.status?.currentCPUUtilizationPercentage;
  const t = o.spec?.targetCPUUtilizationPercentage;
  return `cpu: ${cur != null ? `${cur}%` : '<unknown>'}/${t != null ? `${t}%` : '<auto>'}`;
}

const columns = (targets: (o: KObject) => string) => [
  nameCol(),
  col('Reference', 'string', 'Scaled object.', (o) => `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`),
  col('Targets', 'string', 'Current and target metric values.', targets),
  col('MinPods', 'string', 'Lower replica bound.', (o) => (o.spec?.minReplicas != null ? String(o.spec.minReplicas) : '<unset>')),
  col('MaxPods', 'string', 'Upper replica bound.', (o) => o.spec?.maxReplicas ?? 0),
  col('Replicas', 'string', 'Current replicas.', (o) => o.status?.currentReplicas ?? 0),
  ageCol(),
];

function defaultBehavior(spec: any): void {
  const b = spec.behavior;
  if (!b) return;
  b.scaleUp ??= {};
  b.scaleUp.stabilizationWindowSeconds ??= 0;
  b.scaleUp.selectPolicy ??= 'Max';
  b.scaleUp.policies ??= [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
  b.scaleDown ??= {};
  b.scaleDown.stabilizationWindowSeconds ??= 300;
  b.scaleDown.selectPolicy ??= 'Max';
  b.scaleDown.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
}

function validateHPA(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  if (!spec.scaleTargetRef?.kind) errs.push(required('spec.scaleTargetRef.kind'));
  if (!spec.scaleTargetRef?.name) errs.push(required('spec.scaleTargetRef.name'));
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  if (!(spec.maxReplicas >= 1)) errs.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  if (spec.minReplicas != null && spec.maxReplicas < spec.minReplicas) {
    errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  return errs;
}

export const HorizontalPodAutoscaler: KindDef = {
  group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', namespaced: true,
  shortNames: ['hpa'], categories: ['all'],
  schemaType: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  columns: columns(hpaTargets),
  hasStatus: true,
  prepareForCreate: (o) => {
    const spec = (o.spec ??= {});
    spec.minReplicas ??= 1;
    if (!spec.metrics || spec.metrics.length === 0) {
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    }
    defaultBehavior(spec);
    o.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  prepareForUpdate: (o, old) => {
    defaultBehavior(o.spec ?? {});
    o.status = old.status;
  },
  validate: metaThen(true, 'subdomain', validateHPA),
  validateUpdate: metaUpdateThen(validateHPA),
  notes: 'Shares its store with autoscaling/v1 (stored as v2).',
};

export const HorizontalPodAutoscalerV1: KindDef = {
  ...HorizontalPodAutoscaler,
  version: 'v1',
  schemaType: 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
  columns: columns(hpaV1Targets),
  prepareForCreate: (o) => {
    const spec = (o.spec ??= {});
    spec.minReplicas ??= 1;
    o.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  prepareForUpdate: (o, old) => { o.status = old.status; },
  notes: 'autoscaling/v1 view of the same objects; converting to and from v2 (targetCPUUtilizationPercentage ⇄ cpu Utilization metric) is the store\'s job.',
};

export const AUTOSCALING_KINDS: KindDef[] = [HorizontalPodAutoscaler, HorizontalPodAutoscalerV1];
