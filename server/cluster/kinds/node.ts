// node.k8s.io/v1: RuntimeClass.
import type { KindDef } from './types.ts';
import { ageCol, col, nameCol } from './format.ts';
import { immutable, invalid, isDNS1123Label, required } from './validation.ts';
import { metaThen, metaUpdateThen } from './core.ts';

export const RuntimeClass: KindDef = {
  group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', plural: 'runtimeclasses', singular: 'runtimeclass', namespaced: false,
  schemaType: 'io.k8s.api.node.v1.RuntimeClass',
  columns: [
    nameCol(),
    col('Handler', 'string', 'Container runtime handler.', (o) => o.handler ?? ''),
    ageCol(),
  ],
  validate: metaThen(false, 'subdomain', (o) => {
    if (!o.handler) return [required('handler')];
    return isDNS1123Label(o.handler).map((m) => invalid('handler', o.handler, m));
  }),
  validateUpdate: metaUpdateThen((o, old) => immutable(o.handler, old.handler, 'handler')),
};

export const NODE_KINDS: KindDef[] = [RuntimeClass];
