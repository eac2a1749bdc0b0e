// rollout: a Deployment's rollout is complete (as `kubectl rollout status` judges it), optionally
// with an image and a replica count.
import type { Grader } from './types.ts';
import { fail, getJson, namespaceOf, normaliseImage, pass } from './util.ts';

export const rollout: Grader = {
  type: 'rollout',
  summary: 'A Deployment finished rolling out (observed, updated and available replicas all caught up), optionally with an image and replica count.',
  params: {
    type: 'object',
    required: ['deployment'],
    properties: {
      namespace: { type: 'string', minLength: 1 },
      deployment: { type: 'string', minLength: 1 },
      image: { type: 'string', minLength: 1, description: 'an image some container of the pod template runs' },
      replicas: { type: 'integer', minimum: 0 },
    },
  },
  async run(session, check) {
    const ns = namespaceOf(check);
    const name = String(check.deployment);
    const wants = ['rollout complete'];
    if (check.image !== undefined) wants.push(`image ${check.image}`);
    if (check.replicas !== undefined) wants.push(`${check.replicas} replicas`);
    const expected = `deployment ${name}: ${wants.join(', ')}`;
    const r = await getJson(session, [`deployment/${name}`, '-n', ns]);
    if (r.error) return fail(expected, r.error, r.notFound ? `Deployment ${name} does not exist in namespace ${ns} (${r.error}).` : `Could not read deployment ${name}: ${r.error}`);
    const d = r.obj;
    const spec = d.spec?.replicas ?? 1;
    const st = d.status ?? {};
    const images: string[] = (d.spec?.template?.spec?.containers ?? []).map((c: any) => c.image);
    const problems: string[] = [];
    if ((st.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) problems.push('the controller has not yet observed the latest change');
    if ((st.updatedReplicas ?? 0) < spec) problems.push(`${st.updatedReplicas ?? 0} of ${spec} replicas updated`);
    else if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) problems.push(`${st.replicas - st.updatedReplicas} old replicas pending termination`);
    if ((st.availableReplicas ?? 0) < spec) problems.push(`${st.availableReplicas ?? 0} of ${spec} available`);
    if (check.replicas !== undefined && spec !== Number(check.replicas)) problems.push(`it asks for ${spec} replicas, not ${check.replicas}`);
    if (check.image !== undefined && !images.some((i) => normaliseImage(i) === normaliseImage(String(check.image)))) problems.push(`it runs ${images.join(', ') || 'no containers'}, not ${check.image}`);
    const actual = `${st.updatedReplicas ?? 0} updated, ${st.availableReplicas ?? 0} available of ${spec} desired; image ${images.join(', ')}`;
    if (!problems.length) return pass(expected, actual, `Deployment ${name} rolled out: ${spec}/${spec} available, running ${images.join(', ')}.`);
    return fail(expected, actual, `Deployment ${name} is not as expected: ${problems.join('; ')}.`);
  },
};
