import { Chart, Testing } from 'cdk8s';
import { DurableWorker, NamespaceBaseline } from '../lib';
import { Outcome, attempt, expectKept, findingsOf, generator } from './generated';
import { scheduler } from './util';

// Generated image references: a registry, a repository path, a tag and a digest, each drawn from parts that are known
// to be valid or invalid for the container runtime (distribution/reference, which containerd and CRI-O use to parse
// the image before they pull it: regexp.go `domainAndPort`, `pathComponent`, `tag`; reference.go
// `RepositoryNameTotalLengthMax`). The expected outcome comes from the parts, not from the library's own parser:
// - every part valid, a tag other than `latest` or a digest, a path of at most 255 characters: accepted, rendered
//   as given, and the output passes the manifest validator;
// - anything else: a plain Error at construction that names the workload and the prop.

interface Part {
  readonly text: string;
  readonly valid: boolean;
}

const ok = (...texts: string[]): Part[] => texts.map(text => ({ text, valid: true }));
const bad = (...texts: string[]): Part[] => texts.map(text => ({ text, valid: false }));

/** Registries, with the '/' that ends them; '' is Docker Hub. */
const REGISTRIES: readonly Part[] = [
  ...ok('', 'myregistry.azurecr.io/', 'MyRegistry.azurecr.io/', 'ghcr.io/', 'mcr.microsoft.com/', 'localhost:5000/',
    'registry.example.com:5000/', '192.168.1.10:5000/', '[fd00::1]:5000/', '[::1]/', 'registry-1.docker.io/',
    'my--registry.example.com/'),
  ...bad('registry-.example.com/', 'registry.-example.com/', 'registry.example.com:/', 'registry.example.com:port/',
    '[fd00::1/', 'registry..example.com/', '.registry.example.com/'),
];

/** Repository paths after the registry. */
const PATHS: readonly Part[] = [
  ...ok('orders-worker', 'team/orders-worker', 'orders_worker', 'orders__worker', 'orders--worker', 'orders.worker',
    'a/b/c/d', 'durable-task/orders/worker2', '0rders'),
  ...bad('Orders-worker', 'team/Worker', 'orders___worker', 'orders-_worker', 'orders._worker', 'orders..worker',
    '-orders', 'orders-', '_orders', 'team//worker', 'team/', 'orders worker', 'orders%20worker'),
];

const TAGS: readonly Part[] = [
  ...ok('1.4.2', 'v2_rc.1', 'sha-3f2a9c1', '20261127.1', 'LATEST', '_build', 'a'.repeat(128), 'main-42'),
  ...bad('.1', '-1', 'a'.repeat(129), 'v1+build', 'v1/2'),
];

const DIGESTS: readonly Part[] = [
  ...ok(`sha256:${'0123456789abcdef'.repeat(4)}`, `sha384:${'0123456789abcdef'.repeat(6)}`,
    `sha512:${'fedcba9876543210'.repeat(8)}`),
  ...bad(`sha256:${'A'.repeat(64)}`, 'sha256:abc', `md5:${'a'.repeat(32)}`, `sha512:${'a'.repeat(64)}`),
];

interface ImageCase {
  readonly image: string;
  readonly valid: boolean;
}

/** One image reference from the parts, and whether the runtime can pull it. */
function imageCase(random: () => number): ImageCase {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  // Mostly a valid part, now and then an invalid one, so that both outcomes are common.
  const part = (parts: readonly Part[]): Part => {
    const valid = random() >= 0.15;
    return pick(parts.filter(x => x.valid === valid));
  };
  const registry = part(REGISTRIES);
  const path = random() < 0.1 ? { text: `team/${'w'.repeat(Math.floor(random() * 4) + 248)}`, valid: true }
    : part(PATHS);
  // Docker Hub names without a registry get "library/" in front (normalize.go splitDockerDomain).
  const pathLength = (registry.text === '' && !path.text.includes('/') ? 8 : 0) + path.text.length;
  const form = pick(['tag', 'tag', 'digest', 'both', 'latest', 'none']);
  const tag = form === 'tag' || form === 'both' ? part(TAGS) : undefined;
  const digest = form === 'digest' || form === 'both' ? part(DIGESTS) : undefined;
  const image = `${registry.text}${path.text}${form === 'latest' ? ':latest' : ''}${tag ? `:${tag.text}` : ''}`
    + `${digest ? `@${digest.text}` : ''}`;
  // A path part that looks like a registry (has a '.' or ':'), behind no registry, is read as one.
  const pathReadAsRegistry = registry.text === '' && /^[^/]*[.:][^/]*\//.test(path.text);
  const valid = registry.valid && path.valid && !pathReadAsRegistry && pathLength <= 255
    && (tag?.valid ?? true) && (digest?.valid ?? true) && form !== 'latest' && form !== 'none';
  return { image, valid };
}

function attemptImage(image: string): Outcome {
  return attempt(() => {
    const chart = new Chart(Testing.app(), 'durable-system', { namespace: 'durable-system' });
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'durable-system' });
    new DurableWorker(chart, 'worker', { image, scheduler: scheduler(), taskHub: 'orders' });
    const manifests = Testing.synth(chart);
    const rendered = manifests.find(m => m.kind === 'Deployment').spec.template.spec.containers[0].image;
    if (rendered !== image) {
      throw new TypeError(`rendered ${rendered} instead of ${image}`);
    }
    return findingsOf(manifests);
  });
}

const CASES = 300;
const SEED = 31000;
const PLACE = /^durable-system\/worker: 'image' \(/;

describe('generated image references: accepted exactly when the container runtime can pull them', () => {
  test.each(Array.from({ length: CASES }, (_, i) => i))('case %i', i => {
    // GIVEN an image reference from valid and invalid parts
    const { image, valid } = imageCase(generator(SEED + i));
    // WHEN
    const outcome = attemptImage(image);
    // THEN a clear error, or output the validator accepts; and refused exactly when a part is invalid
    expectKept(outcome, image, PLACE);
    expect({ image, accepted: outcome.error === undefined }).toEqual({ image, accepted: valid });
  });

  test('the generator reaches both outcomes', () => {
    // GIVEN / WHEN every case
    const valid = Array.from({ length: CASES }, (_, i) => imageCase(generator(SEED + i)).valid);
    // THEN both kinds are common enough to test something
    expect(valid.filter(Boolean).length).toBeGreaterThan(CASES / 5);
    expect(valid.filter(v => !v).length).toBeGreaterThan(CASES / 5);
  });
});
