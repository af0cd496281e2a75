import { IConstruct } from 'constructs';
import { VolumeMount } from '../volumes';
import { checkBoolean, checkElement, fail, show } from './input-checks';

/**
 * One element of `volumes`, before its fields are read: an object, with a boolean `readOnly` and a `subPath` the API
 * server takes (k8s.io/kubernetes pkg/apis/core/validation `validateLocalDescendingPath`: a relative path without a
 * '..' segment).
 */
export function checkVolumeMount(scope: IConstruct, prop: string, mount: VolumeMount): void {
  checkElement(scope, prop, mount, 'a volume mount: { name, volume, mountPath }');
  checkBoolean(scope, `${prop}.readOnly`, mount.readOnly);
  const subPath: unknown = mount.subPath;
  if (subPath === undefined) {
    return;
  }
  if (typeof subPath !== 'string' || subPath.startsWith('/') || subPath.split('/').includes('..')) {
    fail(scope, `'${prop}.subPath' (${show(subPath)}) must be a relative path in the volume without a '..' `
      + 'segment, e.g. "appsettings.json"');
  }
}
