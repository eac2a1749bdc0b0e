// How pods and volumes select nodes, shared by the scheduler, the DaemonSet controller, the node
// lifecycle controller (taint eviction) and the volume binder: tolerations against taints, and
// node selector terms (matchExpressions over node labels, matchFields over metadata.name).
import type { KObject } from './kinds/types.ts';

/** Whether one toleration tolerates a taint (operator Equal by default; Exists matches any value). */
export function tolerationMatches(t: any, taint: any): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** Whether any of the tolerations tolerates the taint. */
export function toleratesTaint(tolerations: any[] | undefined, taint: any): boolean {
  return (tolerations ?? []).some((t) => tolerationMatches(t, taint));
}

/** Whether a node matches one NodeSelectorTerm (all its expressions and fields). */
export function matchesNodeSelectorTerm(term: any, node: KObject): boolean {
  const labels = node.metadata?.labels ?? {};
  const exprOk = (term.matchExpressions ?? []).every((e: any) => {
    const v = labels[e.key];
    switch (e.operator) {
      case 'In': return v !== undefined && (e.values ?? []).includes(v);
      case 'NotIn': return v === undefined || !(e.values ?? []).includes(v);
      case 'Exists': return v !== undefined;
      case 'DoesNotExist': return v === undefined;
      case 'Gt': return v !== undefined && Number(v) > Number(e.values?.[0]);
      case 'Lt': return v !== undefined && Number(v) < Number(e.values?.[0]);
      default: return false;
    }
  });
  const fieldsOk = (term.matchFields ?? []).every((f: any) => {
    const v = f.key === 'metadata.name' ? node.metadata?.name : undefined;
    return f.operator === 'In' ? (f.values ?? []).includes(v) : f.operator === 'NotIn' ? !(f.values ?? []).includes(v) : false;
  });
  return exprOk && fieldsOk;
}

/** Whether a NodeSelector (terms ORed) admits the node; no terms admit every node. */
export function matchesNodeSelector(selector: { nodeSelectorTerms?: any[] } | undefined, node: KObject): boolean {
  const terms = selector?.nodeSelectorTerms ?? [];
  return !terms.length || terms.some((t) => matchesNodeSelectorTerm(t, node));
}
