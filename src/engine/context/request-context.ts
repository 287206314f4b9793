/** The JSON context every rule starts from: `request.*`, `serviceAccountName`, `images`, then injected values. */
import type { AdmissionRequest } from '../../api/admission.js';
import type { InjectedValues, RequestRoles } from '../types.js';
import { withPaths } from './dotted-path.js';
import { imagesOf } from './images.js';
import { serviceAccountOf } from './service-account.js';

export type ContextData = Record<string, unknown>;

export function buildRequestContext(request: AdmissionRequest, roles: RequestRoles | undefined, values: InjectedValues | undefined): ContextData {
  const sa = serviceAccountOf(request.userInfo.username);
  const resource = request.operation === 'DELETE' ? request.oldObject : request.object;
  const data: ContextData = {
    request: {
      ...request,
      object: request.object ?? null,
      oldObject: request.oldObject ?? null,
      roles: roles?.roles ?? [],
      clusterRoles: roles?.clusterRoles ?? [],
    },
    serviceAccountName: sa.name,
    serviceAccountNamespace: sa.namespace,
  };
  const images = imagesOf(resource);
  if (images) data.images = images;
  return withPaths(data, values?.global);
}
