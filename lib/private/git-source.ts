import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';
import { isDns1123Label, isDns1123Subdomain } from './k8s-facts';

/**
 * Checks of the Git source of GitOpsDelivery: the repository URL, the revision and the add-on Kustomizations, and
 * how each is written for Argo CD and for Flux, so that both engines fetch the same repository at the same revision.
 */

/** The repository as Argo CD and Flux are given it. */
export interface GitRepoUrl {
  /** The URL as given (Argo CD takes http(s)://, ssh:// and scp-like `git@host:path` URLs). */
  readonly argoCd: string;
  /** The URL for Flux, whose GitRepository CRD takes `http(s)://` and `ssh://` URLs only. */
  readonly flux: string;
  /** An SSH URL: Flux needs a Secret with the key and known_hosts to fetch it. */
  readonly ssh: boolean;
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const HOST_IP6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** A user part that is an access token rather than a name: a known token prefix, or 40 or more characters. */
function isTokenLike(user: string): boolean {
  return /^(gh[pousr]_|github_pat_|glpat-)/.test(user) || user.length >= 40;
}

function isHost(host: string): boolean {
  return HOST_NAME.test(host) || HOST_IP6.test(host);
}

/**
 * `repoUrl`: an https://, http:// or ssh:// URL, or the scp-like `git@host:path` (written for Flux as
 * `ssh://git@host/path`, the form Flux documents). It names a host and a path, and carries no credentials: the URL is
 * committed in plain text, and Argo CD and Flux read credentials from Secrets. An SSH user (`ssh://git@host/...`) is
 * not a credential.
 */
export function checkRepoUrl(scope: IConstruct, value: unknown): GitRepoUrl {
  // Messages about the URL's form show it without a password or token (the credentials check below names them).
  const shown = show(withoutCredentials(value));
  const notGit = () => fail(scope, `'repoUrl' (${shown}) must be an https://, http://, ssh:// or git@ Git URL`);
  if (typeof value !== 'string' || /\s/.test(value)) {
    return notGit();
  }
  const hostAndPath = () => fail(scope, `'repoUrl' (${shown}) must name a host and the repository's path, `
    + 'e.g. "https://github.com/org/platform.git" or "git@github.com:org/platform.git"');
  // kustomize and Terraform take "?ref=<revision>" or "//<folder>" in a URL, npm "#<revision>"; Git does not: git and
  // go-git (Argo CD, Flux) append "/info/refs?service=..." to the URL as given, so the fetch fails.
  // (Checked after the credentials, so that the message never shows a token.)
  const noQuery = (rest: string) => {
    const extra = /[?#].*$/.exec(rest);
    if (extra) {
      fail(scope, `'repoUrl' (${shown}) has a query or fragment (${show(extra[0])}), which Git URLs do not take: `
        + "give the branch, tag or commit as 'revision' and the folder as 'path', and the repository's URL alone");
    }
  };
  // http:// too (an in-cluster Git server): Argo CD fetches it, with the credentials of its Secret if any
  // (argo-cd util/git/client.go `IsHTTPURL`), and so does Flux (source-controller api/v1 gitrepository_types.go: URL
  // pattern `^(http|https|ssh)://.*$`; internal/controller/gitrepository_controller.go allows credentials over HTTP
  // with fluxcd/pkg git/gogit `WithInsecureCredentialsOverHTTP`).
  const url = /^(https?|ssh):\/\/([^/?#]*)(.*)$/.exec(value);
  if (url) {
    const [, scheme, authority, path] = url;
    const at = authority.lastIndexOf('@');
    const user = at === -1 ? undefined : authority.slice(0, at);
    // A password, or an http(s) user that is a token (GitHub, GitLab, Azure DevOps PATs), is a credential; a plain user
    // name is not (Azure DevOps shows https://<org>@dev.azure.com/... as the clone URL, ssh URLs name the user git).
    if (user !== undefined && (user.includes(':') || (scheme !== 'ssh' && isTokenLike(user)))) {
      const hidden = `${scheme}://***@${authority.slice(at + 1)}${path}`;
      fail(scope, `'repoUrl' (${show(hidden)}, credentials hidden) must not contain credentials: the URL is committed `
        + 'in plain text; give them to Argo CD as a repository or credential template Secret and to Flux as '
        + `'fluxSecretName'${scheme === 'ssh' ? ' (an SSH user without a password, e.g. "ssh://git@host/...", is fine)' : ''}`);
    }
    noQuery(path);
    const port = /^(.*?)(?::(\d{1,5}))?$/.exec(authority.slice(at + 1))!;
    const portNumber = port[2] === undefined ? undefined : Number(port[2]);
    if (!isHost(port[1]) || (portNumber !== undefined && (portNumber < 1 || portNumber > 65535))
      || !/^\/[^/]/.test(path) || (user !== undefined && !/^[\w.-]+$/.test(user))) {
      hostAndPath();
    }
    return { argoCd: value, flux: value, ssh: scheme === 'ssh' };
  }
  const scp = /^git@([^:/]*):(.*)$/.exec(value);
  if (!scp) {
    return notGit();
  }
  const [, host, path] = scp;
  noQuery(path);
  if (!isHost(host) || path.replace(/^\/+/, '').length === 0) {
    hostAndPath();
  }
  return { argoCd: value, flux: `ssh://git@${host}/${path.replace(/^\/+/, '')}`, ssh: true };
}

/** The revision as Argo CD (`targetRevision`) and Flux (`GitRepository.spec.ref`) are given it. */
export interface GitRevision {
  readonly argoCd: string;
  readonly flux: { branch?: string; tag?: string; commit?: string; name?: string };
}

/**
 * `revision`, written so that Argo CD and Flux check out the same commit:
 *
 * - a 40-hex commit id (any case, written in lower case): Flux `ref.commit`;
 * - `refs/heads/<b>`: Flux `ref.branch: <b>`; `refs/tags/<t>`: Flux `ref.tag: <t>`; any other `refs/<kind>/<name>`
 *   (e.g. `refs/pull/1/head`): Flux `ref.name`; Argo CD matches the full name;
 * - any other name is a branch: Flux `ref.branch`.
 *
 * Names Argo CD would resolve differently from a Flux branch are rejected with the way to write them: `HEAD` (the
 * remote's default branch), 7 or more hex digits that are not a full commit id (Argo CD falls back to an abbreviated
 * commit, which Flux cannot check out) and names that look like versions or version ranges (Argo CD matches tags
 * too, and resolves ranges such as `1.x` to the highest matching tag).
 */
export function checkRevision(scope: IConstruct, value: unknown): GitRevision {
  const allowed = `'revision' (${show(value)}) must be a branch, a refs/... name or a commit id`;
  if (typeof value !== 'string' || value.length === 0) {
    return fail(scope, allowed);
  }
  if (/^[0-9a-fA-F]{40}$/.test(value)) {
    const commit = value.toLowerCase();
    return { argoCd: commit, flux: { commit } };
  }
  const problem = refNameProblem(value);
  if (problem !== undefined) {
    fail(scope, `${allowed}: ${problem} (git check-ref-format)`);
  }
  if (value.startsWith('refs/')) {
    const [, kind, ...rest] = value.split('/');
    const name = rest.join('/');
    if (rest.length === 0) {
      fail(scope, `${allowed}: a refs/... name has a kind and a name, e.g. "refs/heads/main" or "refs/tags/v1.2.3"`);
    }
    const flux = kind === 'heads' ? { branch: name } : kind === 'tags' ? { tag: name } : { name: value };
    return { argoCd: value, flux };
  }
  if (value === 'HEAD') {
    fail(scope, `'revision' ("HEAD") is the repository's default branch, which Argo CD follows but Flux cannot: `
      + 'name the branch, e.g. "main"');
  }
  // An abbreviated commit id: hex digits with at least one digit and one letter (a branch like "20240601" is not).
  if (/^[0-9a-fA-F]{7,39}$/.test(value) && /[0-9]/.test(value) && /[a-fA-F]/.test(value)) {
    fail(scope, `'revision' (${show(value)}) looks like an abbreviated commit id, which Argo CD resolves but Flux `
      + `cannot check out: give the full 40-hex commit id, or "refs/heads/${value}" for a branch of that name`);
  }
  // A release version (v1.2.3, 1.2.3-rc.1) is a tag name, and a range (1.x, >=1.0, ~1.2, ^1) only Argo CD resolves;
  // other names with digits ("2024.06", "v2", "123-fix-login") are ordinary branch names.
  if (/^[vV]?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/.test(value)
    || /^([<>]=?|!?=|[~^])\s*[vV]?\d/.test(value) || /^[vV]?\d+(\.\d+)*\.[xX*]/.test(value)) {
    fail(scope, `'revision' (${show(value)}) looks like a version, which Argo CD matches against tags (and reads as a `
      + `range if it has wildcards) while Flux reads a bare name as a branch: write "refs/tags/${value}" for the tag, `
      + `or "refs/heads/${value}" for a branch of that name`);
  }
  return { argoCd: value, flux: { branch: value } };
}

/**
 * Why git would reject `name` as a branch or ref name, per git-check-ref-format(1)
 * (https://git-scm.com/docs/git-check-ref-format#_description): no component starts with "." or ends with ".lock";
 * no "..", no control characters, space, "~", "^", ":", "?", "*", "[" or "\"; no leading, trailing or double "/";
 * no trailing "."; no "@{"; not "@". A branch name (`git check-ref-format --branch`) does not start with "-".
 */
function refNameProblem(name: string): string | undefined {
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) {
    return 'a ref name has no spaces, control characters or any of ~ ^ : ? * [ \\';
  }
  if (name.includes('..')) return 'a ref name has no ".."';
  if (name.includes('@{')) return 'a ref name has no "@{"';
  if (name === '@') return 'a ref name is not "@" alone';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return 'a ref name does not start or end with "/", nor has "//"';
  }
  if (name.endsWith('.')) return 'a ref name does not end with "."';
  if (name.split('/').some(part => part.startsWith('.') || part.endsWith('.lock'))) {
    return 'no part of a ref name between slashes starts with "." or ends with ".lock"';
  }
  if (name.startsWith('-')) return 'a branch name does not start with "-"';
  return undefined;
}

/** A Flux Kustomization that `dependsOn` names: in the delivery's namespace unless `namespace` is set. */
export interface KustomizationRef {
  readonly name: string;
  readonly namespace?: string;
}

/**
 * `addOnKustomizations`: keys among `addOns`, values `<name>` or `<namespace>/<name>` (Flux `dependsOn` takes a
 * namespace: https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies). The name is a DNS-1123
 * subdomain of at most 63 characters (Flux labels the objects it applies with it), the namespace a DNS-1123 label.
 * Returns the add-ons' Kustomizations, each named like the add-on unless given.
 */
export function checkAddOnKustomizations(
  scope: IConstruct, value: unknown, addOns: readonly string[]): { [addOn: string]: KustomizationRef } {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    fail(scope, `'addOnKustomizations' (${show(value)}) must be an object of add-on to Kustomization name, e.g. `
      + '{ keda: "keda-operator" }');
  }
  const given = (value ?? {}) as { [key: string]: unknown };
  const refs: { [addOn: string]: KustomizationRef } = {};
  for (const key of Object.keys(given)) {
    if (!addOns.includes(key)) {
      fail(scope, `'addOnKustomizations' has an unknown key ${show(key)}: the keys are ClusterAddOn values: `
        + addOns.map(a => show(a)).join(', '));
    }
  }
  for (const addOn of addOns) {
    // An add-on given as null or undefined is reported, not read as its default name.
    const text = Object.hasOwn(given, addOn) ? given[addOn] : addOn;
    const parts = typeof text === 'string' ? text.split('/') : [];
    const [namespace, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (parts.length < 1 || parts.length > 2 || !isDns1123Subdomain(name) || name.length > 63
      || (namespace !== undefined && !isDns1123Label(namespace))) {
      fail(scope, `'addOnKustomizations.${addOn}' (${show(text)}) must name a Flux Kustomization as "<name>" or `
        + '"<namespace>/<name>": a name of 1-63 lowercase letters, digits, \'-\' or \'.\' and a DNS-1123 label '
        + 'namespace, each starting and ending with a letter or digit');
    }
    refs[addOn] = namespace === undefined ? { name } : { name, namespace };
  }
  return refs;
}

/** `value` with the user information of a URL hidden (`https://***@host/...`) when it holds a password or a token. */
function withoutCredentials(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(/^(\s*[A-Za-z][\w+.-]*:\/\/)([^/?#]*)@/,
    (whole, scheme: string, user: string) => (user.includes(':') || isTokenLike(user) ? `${scheme}***@` : whole));
}
