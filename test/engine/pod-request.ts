/** A Pod CREATE AdmissionRequest in `default` for engine tests. */
import type { AdmissionRequest } from '../../src/api/admission.js';

export function podCreateRequest(object: unknown): AdmissionRequest {
  return {
    uid: 'u',
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    namespace: 'default',
    operation: 'CREATE',
    userInfo: {},
    object,
  };
}
