// Pieces shared by several views.
import { ApiError, errorMessage } from '../api.ts';
import { h, type Child } from '../dom.ts';
import type { Domain } from '../types.ts';

export const DOMAIN_LABEL: Record<Domain, string> = {
  'cluster-architecture': 'Cluster Architecture, Installation & Configuration',
  workloads: 'Workloads & Scheduling',
  'services-networking': 'Services & Networking',
  storage: 'Storage',
  troubleshooting: 'Troubleshooting',
};

export const DOMAIN_SHORT: Record<Domain, string> = {
  'cluster-architecture': 'Architecture',
  workloads: 'Workloads',
  'services-networking': 'Networking',
  storage: 'Storage',
  troubleshooting: 'Troubleshooting',
};

export function domainLabel(d: string): string {
  return DOMAIN_SHORT[d as Domain] ?? d;
}

const STATUS_TITLE: Record<number, string> = {
  0: 'Connection problem',
  401: 'Please log in',
  403: 'Access denied',
  404: 'Not found',
  409: 'Not possible right now',
  429: 'Too many requests',
};

export function errorPanel(status: number, message: string, actions?: Child): HTMLElement {
  const title = STATUS_TITLE[status] ?? 'Something went wrong';
  return h('section', { class: `error-panel error-${status}`, role: 'alert' },
    h('h1', null, title),
    h('p', { class: 'error-message' }, message),
    status === 403 ? h('p', { class: 'muted' }, 'Attempts, terminals and recordings are visible only to their owner, reviewers and administrators.') : null,
    h('p', null, actions ?? h('a', { class: 'btn', href: '#/' }, 'Back to the catalogue')));
}

export function errorFrom(e: unknown): HTMLElement {
  const status = e instanceof ApiError ? e.status : -1;
  return errorPanel(status, errorMessage(e));
}

export function pageHead(title: Child, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'page-head' }, h('h1', null, title), extra.length ? h('div', { class: 'page-head-actions' }, extra) : null);
}

export function statusBadge(status: string, passed?: boolean | null): HTMLElement {
  if (status === 'submitted' || status === 'expired') {
    if (passed === true) return h('span', { class: 'badge badge-pass' }, 'Passed');
    if (passed === false) return h('span', { class: 'badge badge-fail' }, 'Not passed');
  }
  const label: Record<string, string> = { starting: 'Starting', running: 'In progress', submitted: 'Submitted', expired: 'Ended (idle)', failed: 'Failed to start' };
  return h('span', { class: `badge badge-${status}` }, label[status] ?? status);
}

export function verdict(passed: boolean): HTMLElement {
  return h('span', { class: passed ? 'verdict verdict-pass' : 'verdict verdict-fail' }, h('span', { 'aria-hidden': 'true' }, passed ? '✓' : '✗'), passed ? ' Pass' : ' Fail');
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}

export const END_REASON: Record<string, string> = {
  submitted: 'Submitted by the candidate',
  deadline: 'Time-out (submitted automatically)',
  idle: 'Closed after inactivity',
  failed: 'Failed',
};
