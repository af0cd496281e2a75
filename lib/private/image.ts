import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';

/**
 * Container image references, checked as the container runtime parses them before it pulls: containerd and CRI-O
 * read the image with distribution/reference `ParseDockerRef` (normalize.go `ParseNormalizedNamed`,
 * `splitDockerDomain`; regexp.go `referencePat`; reference.go `Parse`). The API server only refuses whitespace;
 * anything else it stores, and the pod stays in InvalidImageName.
 */

/** regexp.go `domainNameComponent`, `domainName`, `ipv6address`, `optionalPort`: a registry host and port. */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_AND_PORT = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
/** regexp.go `pathComponent`: lowercase letters and digits, joined by one '.', one or two '_', or any '-'. */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** regexp.go `anchoredNamePat`: an optional registry (captured), then the repository path (captured). */
const NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
/** reference.go `RepositoryNameTotalLengthMax`: the repository path, without the registry. */
const PATH_MAX = 255;

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
    if (!/^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1))) {
      fail(scope, `'${prop}' (${show(image)}) has an invalid digest: a digest is "@sha256:" `
        + 'and 64 lowercase hex digits');
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

/**
 * The repository (the image without tag and digest) as `ParseNormalizedNamed` reads it: the first part is the
 * registry if it is `localhost` or has a '.', a ':' or an uppercase letter (`splitDockerDomain`), else the image is
 * on Docker Hub; the rest must be lowercase, and the whole must match `anchoredNamePat` (`Parse`) with a path of at
 * most 255 characters.
 */
function checkRepository(scope: IConstruct, prop: string, image: string, repository: string): void {
  const slash = repository.indexOf('/');
  const first = repository.slice(0, slash);
  const hasRegistry = slash !== -1
    && (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first);
  const remainder = hasRegistry ? repository.slice(slash + 1) : repository;
  // A single name is an official Docker Hub image: docker.io/library/<name>.
  const path = slash === -1 ? `library/${remainder}` : remainder;
  const match = NAME.exec(`${hasRegistry ? first : 'docker.io'}/${path}`);
  if (remainder.toLowerCase() !== remainder || !match) {
    fail(scope, `'${prop}' (${show(image)}) has an invalid repository ${show(repository)}, which the container `
      + `runtime cannot pull: write ${REPOSITORY_RULE}`);
  }
  if (match[2].length > PATH_MAX) {
    fail(scope, `'${prop}' (${show(image)}) has a repository path of ${match[2].length} characters after the `
      + `registry; the container runtime takes at most ${PATH_MAX}`);
  }
}
