// authentication.k8s.io/v1: TokenReview and SelfSubjectReview, create-only virtual resources whose
// handlers belong to the API machinery.
import type { KindDef } from './types.ts';

export const TokenReview: KindDef = {
  group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview', plural: 'tokenreviews', singular: 'tokenreview', namespaced: false,
  verbs: ['create'],
  schemaType: 'io.k8s.api.authentication.v1.TokenReview',
  notes: 'Virtual: the reply carries status.authenticated and status.user.',
};

export const SelfSubjectReview: KindDef = {
  group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', singular: 'selfsubjectreview', namespaced: false,
  verbs: ['create'],
  schemaType: 'io.k8s.api.authentication.v1.SelfSubjectReview',
  notes: 'Virtual: the reply carries status.userInfo of the caller (kubectl auth whoami).',
};

export const AUTHENTICATION_KINDS: KindDef[] = [TokenReview, SelfSubjectReview];
