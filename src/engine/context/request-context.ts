/** The JSON context every rule starts from: `request.*`, `serviceAccountName`, `images`, then injected values. */
import type { AdmissionRequest } from '../../api/admission.js';
import type { InjectedValues, RequestRoles } from '../types.js';
import { withPaths } from './dotted-path.js';
import { imagesOf } from './images.js';
import { serviceAccountOf } from './service-account.js';

export type ContextData = Record<string, unknown>;

/** `withImages`: whether to add the `images` variable (false when no policy of the request reads it). */
export function buildRequestContext(request: AdmissionRequest, roles: RequestRoles | undefined, values: InjectedValues | undefined, withImages = true): ContextData {
  const sa = serviceAccountOf(request.userInfo.username);
  const resource = request.operation === 'DELETE' ? request.oldObject : request.object;
  // Copy, then set: spreading and adding keys in one literal is a slow path in V8 (microseconds here).
  const requestData = Object.assign<Record<string, unknown>, AdmissionRequest>({}, request);
  requestData.object = request.object ?? null;
  requestData.oldObject = request.oldObject ?? null;
  requestData.roles = roles?.roles ?? [];
  requestData.clusterRoles = roles?.clusterRoles ?? [];
  const data: ContextData = {
    request: requestData,
    serviceAccountName: sa.name,
    serviceAccountNamespace: sa.namespace,
  };
  const images = withImages ? imagesOf(resource) : undefined;
  if (images) data.images = images;
  return withPaths(data, values?.global);
}
