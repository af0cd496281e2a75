import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';
import { IMAGE_DIGEST, IMAGE_REPOSITORY_PATH_MAX, imageRepositoryPath } from './k8s-facts';

/**
 * Container image references, checked as the container runtime parses them before it pulls (distribution/reference,
 * see `imageRepositoryPath` in k8s-facts.ts, shared with the manifest validator), plus the library's own rule: a
 * pinned version (a tag other than `latest`, or a digest).
 */

const ALLOWED = 'an image with a tag (not \'latest\') or a digest, e.g. "myregistry.azurecr.io/worker:1.4.2"';
const REPOSITORY_RULE = "an optional registry (a host name or [IPv6 address], optionally with ':port') and '/', then "
  + "lowercase letters and digits in '/'-separated parts, joined inside a part by one '.', one or two '_' or any "
  + 'number of \'-\', e.g. "myregistry.azurecr.io/team/worker"';

/**
 * A container image that pins a version: a tag other than `latest`, or a digest.
 * `registry:5000/app` has no tag: the colon belongs to the registry host.
 */
export function checkImage(scope: IConstruct, prop: string, image: string): void {
  if (typeof image !== 'string' || image.length === 0 || /\s/.test(image)) {
    fail(scope, `'${prop}' (${show(image)}) must be ${ALLOWED}`);
  }
  const at = image.indexOf('@');
  if (at !== -1) {
    if (!IMAGE_DIGEST.test(image.slice(at + 1))) {
      fail(scope, `'${prop}' (${show(image)}) has an invalid digest: a digest is "@sha256:" `
        + 'and 64 lowercase hex digits (or sha384 with 96, sha512 with 128)');
    }
    checkRepository(scope, prop, image, image.slice(0, at).replace(/:[\w][\w.-]{0,127}$/, ''));
    return;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon === -1 ? undefined : lastSegment.slice(colon + 1);
  if (tag === undefined || tag === '') {
    fail(scope, `'${prop}' (${show(image)}) has no tag: use ${ALLOWED}`);
  }
  if (tag === 'latest') {
    fail(scope, `'${prop}' (${show(image)}) uses the mutable tag 'latest': use ${ALLOWED}`);
  }
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) {
    fail(scope, `'${prop}' (${show(image)}) has an invalid tag ${show(tag)}: use ${ALLOWED}`);
  }
  checkRepository(scope, prop, image, image.slice(0, image.length - tag.length - 1));
}

/** The repository (the image without tag and digest): one the runtime parses, with a path of at most 255. */
function checkRepository(scope: IConstruct, prop: string, image: string, repository: string): void {
  const path = imageRepositoryPath(repository);
  if (path === undefined) {
    fail(scope, `'${prop}' (${show(image)}) has an invalid repository ${show(repository)}, which the container `
      + `runtime cannot pull: write ${REPOSITORY_RULE}`);
  }
  if (path.length > IMAGE_REPOSITORY_PATH_MAX) {
    fail(scope, `'${prop}' (${show(image)}) has a repository path of ${path.length} characters after the `
      + `registry; the container runtime takes at most ${IMAGE_REPOSITORY_PATH_MAX}`);
  }
}
