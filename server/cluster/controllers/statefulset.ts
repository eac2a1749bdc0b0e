// The StatefulSet controller, after kube-controller-manager's: ordinal pods <set>-<i> with stable
// hostname/subdomain and PVCs from volumeClaimTemplates, OrderedReady (one at a time, in order;
// scale down from the highest ordinal) or Parallel, RollingUpdate (highest ordinal first, down to
// the partition) or OnDelete, ControllerRevisions, and the status kubectl rollout reads.
import type { KObject } from '../kinds/types.ts';
import { Reconciler, splitKey, isNotFound, isAlreadyExists, type Ctx } from './framework.ts';
import { clone } from '../api/rest.ts';
import {
  ownerIndex, claim, selectorOf, selects, isTerminal, isReady, isAvailable, untilAvailable, podFromTemplate, emit, errorText, controllerRef, ownerRefTo,
} from './workload-util.ts';
import { syncHistory, truncateHistory, templateOf, REVISION_HASH_LABEL } from './controller-revision.ts';

const COMPONENT = 'statefulset-controller';
const STS = 'apps/v1/statefulsets';
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const ordinalOf = (setName: string, pod: KObject): number | undefined => {
  const n: string = pod.metadata?.name ?? '';
  if (!n.startsWith(`${setName}-`)) return undefined;
  const rest = n.slice(setName.length + 1);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
};

const runningAndReady = (p: KObject) => p.status?.phase === 'Running' && isReady(p);

export function startStatefulSetController(ctx: Ctx): { stop(): void } {
  const pods = ownerIndex(ctx.store, '/registry/pods/');

  const claimName = (tpl: any, set: KObject, i: number) => `${tpl.metadata?.name}-${set.metadata!.name}-${i}`;

  const newPod = (set: KObject, rev: KObject, i: number): KObject => {
    const name = `${set.metadata!.name}-${i}`;
    const pod = podFromTemplate(templateOf(rev), set, {
      name, labels: { [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(i), [REVISION_HASH_LABEL]: rev.metadata!.name },
    });
    pod.spec.hostname = name;
    if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
    const claims: any[] = set.spec?.volumeClaimTemplates ?? [];
    if (claims.length) {
      const names = new Set(claims.map((c) => c.metadata?.name));
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []).filter((v: any) => !names.has(v.name)),
        ...claims.map((c) => ({ name: c.metadata?.name, persistentVolumeClaim: { claimName: claimName(c, set, i) } })),
      ];
    }
    return pod;
  };

  /** Creates the pod's missing claims (and their owner references per the retention policy). */
  const ensureClaims = async (set: KObject, i: number, podName: string) => {
    const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
    for (const tpl of set.spec?.volumeClaimTemplates ?? []) {
      const name = claimName(tpl, set, i);
      if (ctx.client.get('v1/persistentvolumeclaims', set.metadata!.namespace, name)) continue;
      const t = clone(tpl);
      const claim: KObject = {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim',
        metadata: {
          name, namespace: set.metadata!.namespace,
          labels: { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
          ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
          ...(policy.whenDeleted === 'Delete' ? { ownerReferences: [ownerRefTo(set)] } : {}),
        },
        spec: t.spec ?? {},
      };
      try {
        await ctx.client.create('v1/persistentvolumeclaims', claim);
        emit(ctx, COMPONENT, set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata!.name} success`);
      } catch (e) {
        if (isAlreadyExists(e)) continue;
        emit(ctx, COMPONENT, set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata!.name} failed error: ${errorText(e)}`);
        throw e;
      }
    }
  };

  /** whenScaled: Delete → the claims of a condemned pod are owned by that pod, so they go with it. */
  const claimsFollowPod = async (set: KObject, i: number, pod: KObject) => {
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
    for (const tpl of set.spec?.volumeClaimTemplates ?? []) {
      const c = ctx.client.get('v1/persistentvolumeclaims', set.metadata!.namespace, claimName(tpl, set, i));
      if (!c || (c.metadata?.ownerReferences ?? []).some((r: any) => r.uid === pod.metadata!.uid)) continue;
      const next = clone(c);
      next.metadata!.ownerReferences = [...(next.metadata!.ownerReferences ?? []).filter((r: any) => r.controller !== true),
        { apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name, uid: pod.metadata!.uid, controller: true, blockOwnerDeletion: true }];
      await ctx.client.update('v1/persistentvolumeclaims', next).catch(() => undefined);
    }
  };

  const createPod = async (set: KObject, rev: KObject, i: number) => {
    const pod = newPod(set, rev, i);
    await ensureClaims(set, i, pod.metadata!.name);
    try {
      await ctx.client.create('v1/pods', pod);
      emit(ctx, COMPONENT, set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`);
    } catch (e) {
      if (isAlreadyExists(e)) return;
      emit(ctx, COMPONENT, set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${errorText(e)}`);
      throw e;
    }
  };

  const deletePod = async (set: KObject, pod: KObject) => {
    try {
      await ctx.client.delete('v1/pods', pod.metadata!.namespace, pod.metadata!.name, { preconditions: { uid: pod.metadata!.uid } });
      emit(ctx, COMPONENT, set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`);
    } catch (e) {
      if (isNotFound(e)) return;
      emit(ctx, COMPONENT, set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${errorText(e)}`);
      throw e;
    }
  };

  const reconcile = async (key: string) => {
    const [ns, name] = splitKey(key);
    const set0 = ctx.client.get(STS, ns, name);
    if (!set0) return;
    const set = clone(set0);
    const sel = selectorOf(set);
    const mine = await claim(ctx, 'v1/pods', set, pods, (p) => selects(sel, p) && ordinalOf(name, p) !== undefined);
    const h = await syncHistory(ctx, set, (_hash, revName) => revName);
    const updateRev = h.update;
    const currentRev = h.current;
    const replicas: number = set.spec?.replicas ?? 1;
    const start: number = set.spec?.ordinals?.start ?? 0;
    const parallel = set.spec?.podManagementPolicy === 'Parallel';
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const partition: number = rolling ? set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0 : 0;
    const now = ctx.clock.ms();
    let requeue: number | undefined;

    const byOrdinal = new Map<number, KObject>();
    const condemned: KObject[] = [];
    for (const p of mine) {
      const i = ordinalOf(name, p)!;
      if (i >= start && i < start + replicas) byOrdinal.set(i, p);
      else condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(name, b)! - ordinalOf(name, a)!);
    const revisionFor = (i: number) => (rolling && i - start < partition ? currentRev : updateRev);

    if (!set.metadata?.deletionTimestamp) {
      let blocked = false;
      // create / replace pods in ordinal order
      for (let i = start; i < start + replicas && !blocked; i++) {
        const p = byOrdinal.get(i);
        if (!p) {
          await createPod(set, revisionFor(i), i);
          if (!parallel) blocked = true;
          continue;
        }
        if (isTerminal(p) && !p.metadata?.deletionTimestamp) {
          // a failed or finished pod is deleted, then made again
          await deletePod(set, p);
          if (!parallel) blocked = true;
          continue;
        }
        await claimsFollowPod(set, i, p);
        if (!parallel && (p.metadata?.deletionTimestamp || !runningAndReady(p))) blocked = true;
      }
      // scale down: highest ordinal first, one at a time unless Parallel
      if (!blocked) {
        for (const p of condemned) {
          if (p.metadata?.deletionTimestamp) {
            if (!parallel) break;
            continue;
          }
          await claimsFollowPod(set, ordinalOf(name, p)!, p);
          await deletePod(set, p);
          if (!parallel) break;
        }
      }
      // rolling update: once everything is running and ready, replace the highest out-of-date pod
      if (rolling && !blocked && !condemned.length) {
        const all = [...byOrdinal.values()];
        const healthy = all.length === replicas && all.every((p) => !p.metadata?.deletionTimestamp && runningAndReady(p));
        if (healthy) {
          for (let i = start + replicas - 1; i >= start + partition; i--) {
            const p = byOrdinal.get(i)!;
            if (p.metadata?.labels?.[REVISION_HASH_LABEL] !== updateRev.metadata!.name) {
              await deletePod(set, p);
              break;
            }
          }
        }
      }
    }

    // ---- status ----
    const live = pods.owned(set.metadata!.uid).filter((p) => ordinalOf(name, p) !== undefined);
    const status: any = { ...(set0.status ?? {}) };
    const minReady = set.spec?.minReadySeconds ?? 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    let count = 0;
    for (const p of live) {
      if (p.metadata?.deletionTimestamp) continue;
      count++;
      if (isReady(p)) ready++;
      if (isAvailable(p, minReady, now)) available++;
      else {
        const left = untilAvailable(p, minReady, now);
        if (left !== undefined) requeue = Math.min(requeue ?? left, left);
      }
      const rev = p.metadata?.labels?.[REVISION_HASH_LABEL];
      if (rev === currentRev.metadata!.name) current++;
      if (rev === updateRev.metadata!.name) updated++;
    }
    status.observedGeneration = set.metadata!.generation;
    status.replicas = count;
    status.readyReplicas = ready;
    status.currentReplicas = current;
    status.updatedReplicas = updated;
    status.availableReplicas = available;
    status.currentRevision = currentRev.metadata!.name;
    status.updateRevision = updateRev.metadata!.name;
    status.collisionCount = h.collisionCount;
    // a finished rolling update makes the update revision current
    if (rolling && updated === replicas && ready === replicas && count === replicas) {
      status.currentRevision = updateRev.metadata!.name;
      status.currentReplicas = updated;
    }
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(set0.status ?? {})) {
      const latest = ctx.client.get(STS, ns, name);
      if (latest && latest.metadata!.uid === set.metadata!.uid) await ctx.client.updateStatus(STS, { ...latest, status });
    }
    const inUse = new Set(live.map((p) => p.metadata?.labels?.[REVISION_HASH_LABEL]).filter(Boolean) as string[]);
    await truncateHistory(ctx, set, { ...h, current: ctx.client.get('apps/v1/controllerrevisions', ns, status.currentRevision) ?? currentRev }, inUse);
    return requeue !== undefined ? { requeueAfter: requeue + 10 } : undefined;
  };

  const rec = new Reconciler(ctx, {
    name: 'statefulset',
    watch: ['/registry/statefulsets/', '/registry/pods/'],
    keysFor: (ev) => {
      const ns = ev.obj.metadata?.namespace;
      if (ev.key.startsWith('/registry/statefulsets/')) return [`${ns}/${ev.obj.metadata!.name}`];
      const keys = new Set<string>();
      for (const o of [ev.obj, ev.prev]) {
        const ref = controllerRef(o);
        if (ref?.kind === 'StatefulSet') keys.add(`${ns}/${ref.name}`);
      }
      return [...keys];
    },
    reconcile,
  }).start();
  return { stop: () => rec.stop() };
}
