// authorization.k8s.io/v1: the access-review kinds. Create-only virtual resources: declared here so
// discovery lists them; their handlers (evaluating RBAC) belong to the API machinery.
import type { KindDef } from './types.ts';

const review = (kind: string, plural: string, namespaced: boolean): KindDef => ({
  group: 'authorization.k8s.io', version: 'v1', kind, plural, singular: plural.replace(/s$/, ''), namespaced,
  verbs: ['create'],
  schemaType: `io.k8s.api.authorization.v1.${kind}`,
  notes: 'Virtual: nothing is stored; the reply carries status.allowed / status.resourceRules.',
});

export const SelfSubjectAccessReview = review('SelfSubjectAccessReview', 'selfsubjectaccessreviews', false);
export const SubjectAccessReview = review('SubjectAccessReview', 'subjectaccessreviews', false);
export const LocalSubjectAccessReview = review('LocalSubjectAccessReview', 'localsubjectaccessreviews', true);
export const SelfSubjectRulesReview = review('SelfSubjectRulesReview', 'selfsubjectrulesreviews', false);

export const AUTHORIZATION_KINDS: KindDef[] = [LocalSubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview];
