// events.k8s.io/v1: Event, the same objects as core/v1 events in a newer shape.
import type { FieldError, KindDef } from './types.ts';
import { nameCol } from './format.ts';
import { eventSelectableFields, metaThen, metaUpdateThen, Event as CoreEvent } from './core.ts';
import { notSupported, required } from './validation.ts';

export const EventV1: KindDef = {
  group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', namespaced: true,
  shortNames: ['ev'],
  schemaType: 'io.k8s.api.events.v1.Event',
  etcdResource: 'events',
  // Upstream prints events.k8s.io events with the core event columns after conversion.
  columns: CoreEvent.columns?.map((c) => (c.format === 'name' ? { ...nameCol(true) } : c)),
  selectableFields: eventSelectableFields,
  validate: metaThen(true, 'subdomain', (o) => {
    const errs: FieldError[] = [];
    if (!o.eventTime) errs.push(required('eventTime'));
    if (!o.reportingController) errs.push(required('reportingController'));
    if (!o.reportingInstance) errs.push(required('reportingInstance'));
    if (!o.action) errs.push(required('action'));
    if (!o.reason) errs.push(required('reason'));
    if (o.type && !['Normal', 'Warning'].includes(o.type)) errs.push(notSupported('type', o.type, ['Normal', 'Warning']));
    return errs;
  }),
  validateUpdate: metaUpdateThen(),
  notes: 'Same store as core/v1 events: regarding ⇄ involvedObject, note ⇄ message, deprecatedCount/FirstTimestamp/LastTimestamp ⇄ count/firstTimestamp/lastTimestamp; the columns read the core shape, so the store converts first.',
};

export const EVENTS_KINDS: KindDef[] = [EventV1];
