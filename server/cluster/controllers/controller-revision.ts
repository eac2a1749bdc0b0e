// ControllerRevisions as the DaemonSet and StatefulSet controllers keep them (upstream's
// controller history): the template as a strategic-merge patch `{"spec":{"template":{…,"$patch":"replace"}}}`,
// named `<owner>-<hash>`, numbered; an equal older revision is re-numbered rather than duplicated;
// old ones beyond revisionHistoryLimit are deleted. `kubectl rollout history|undo` read them.
import type { KObject } from '../kinds/types.ts';
import { isAlreadyExists, isNotFound, type Ctx } from './framework.ts';
import { clone } from '../api/rest.ts';
import { deepEqual } from '../kinds/validation.ts';
import { ownerIndex, ownerRefTo, computeHash, stableJson, selectorOf, selects, claim } from './workload-util.ts';

export const CR = 'apps/v1/controllerrevisions';
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** The patch a revision stores: the whole template, replacing. */
export function revisionData(owner: KObject): any {
  const t = clone(owner.spec?.template ?? {});
  t.$patch = 'replace';
  return { spec: { template: t } };
}

/** The template a revision holds. */
export function templateOf(rev: KObject): any {
  const t = clone(rev.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

export interface History {
  /** Revisions owned, sorted by revision number. */
  revisions: KObject[];
  current: KObject;
  update: KObject;
  collisionCount: number;
}

/**
 * The owner's revisions, with the update revision (created or re-numbered as needed) and the
 * current one (`status.currentRevision` if it still exists, else the update revision).
 * `hashLabel(hash, name)` gives the controller-revision-hash label value.
 */
export async function syncHistory(ctx: Ctx, owner: KObject, labelValue: (hash: string, name: string) => string): Promise<History> {
  const ix = ownerIndex(ctx.store, '/registry/controllerrevisions/');
  const sel = selectorOf(owner);
  let revisions = (await claim(ctx, CR, owner, ix, (r) => selects(sel, r))).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const data = revisionData(owner);
  const text = stableJson(data);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  let collisionCount: number = owner.status?.collisionCount ?? 0;
  const equal = revisions.filter((r) => stableJson(r.data) === text);
  let update: KObject | undefined;
  if (equal.length) {
    const last = equal[equal.length - 1];
    if ((last.revision ?? 0) === max) update = last;
    else {
      const next = clone(last);
      next.revision = max + 1;
      update = await ctx.client.update(CR, next);
    }
  } else {
    for (let tries = 0; tries < 5 && !update; tries++) {
      const hash = computeHash(data, collisionCount || undefined);
      const name = `${owner.metadata!.name}-${hash}`;
      const rev: KObject = {
        apiVersion: 'apps/v1', kind: 'ControllerRevision',
        metadata: {
          name, namespace: owner.metadata!.namespace,
          labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: labelValue(hash, name) },
          ownerReferences: [ownerRefTo(owner)],
        },
        data, revision: max + 1,
      };
      try {
        update = await ctx.client.create(CR, rev);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const other = ctx.client.get(CR, owner.metadata!.namespace, name);
        if (other && deepEqual(other.data, data) && (other.metadata?.ownerReferences ?? []).some((r: any) => r.uid === owner.metadata!.uid)) {
          const next = clone(other);
          next.revision = max + 1;
          update = await ctx.client.update(CR, next);
        } else collisionCount++;
      }
    }
    if (!update) throw new Error(`could not create a ControllerRevision for ${owner.metadata!.name}`);
  }
  revisions = ix.owned(owner.metadata!.uid).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const current = revisions.find((r) => r.metadata!.name === owner.status?.currentRevision) ?? update;
  return { revisions, current, update, collisionCount };
}

/** Deletes the oldest revisions beyond revisionHistoryLimit that no live pod uses. */
export async function truncateHistory(ctx: Ctx, owner: KObject, h: History, inUse: Set<string>): Promise<void> {
  const limit = owner.spec?.revisionHistoryLimit ?? 10;
  const candidates = h.revisions.filter((r) => r.metadata!.name !== h.current.metadata!.name && r.metadata!.name !== h.update.metadata!.name && !inUse.has(r.metadata!.name));
  for (const r of candidates.slice(0, Math.max(0, candidates.length - limit))) {
    await ctx.client.delete(CR, r.metadata!.namespace, r.metadata!.name, { preconditions: { uid: r.metadata!.uid } }).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
  }
}
