/**
 * Plain-scalar numbers as kubectl reads them. kubectl converts YAML to JSON with sigs.k8s.io/yaml, which
 * decodes with go-yaml v2 (`yaml.Unmarshal` in sigs.k8s.io/yaml yaml.go). go-yaml v2 is YAML 1.1 for booleans
 * and nulls (which the `yaml` package's 1.1 schema matches), but reads numbers its own way (`resolve()` in
 * gopkg.in/yaml.v2 resolve.go):
 *
 * - every `_` is removed, then Go's `strconv.ParseInt(s, 0, 64)` decides: `0o644`, `0644` and `0O644` are
 *   octal (420), `0x1F` hex, `0b101` binary, `1_000` is 1000; then `ParseUint` for values up to 2^64-1;
 * - otherwise a float when it matches `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` and
 *   `ParseFloat` does not overflow (`08` is 8, `1e3` is 1000, `1e400` is a string);
 * - `.inf`, `-.Inf`, `.nan` (and spellings) are floats;
 * - there are no base-60 numbers (`1:20` and `190:20:30` stay strings, YAML 1.1 would read 80 and 685230)
 *   and timestamps decoded into an untyped value stay strings (`2001-12-14`, not a date).
 */
import type { ScalarTag, Tags } from 'yaml';

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((s): [string, number] => [s, NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, number] => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, number] => [s, -Infinity]),
]);

const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MAX = 2n ** 63n - 1n;

/** Go's `strconv.ParseUint(s, 0, 64)` on a string without underscores; undefined on a syntax or range error. */
function parseUintBase0(s: string): bigint | undefined {
  if (s === '') return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1].toLowerCase() : '';
    if (p === 'b' || p === 'o' || p === 'x') {
      base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  const valid = base === 2 ? /^[01]*$/ : base === 8 ? /^[0-7]*$/ : base === 16 ? /^[0-9a-fA-F]*$/ : /^[0-9]*$/;
  if (!valid.test(digits)) return undefined;
  if (digits === '') return base === 8 ? 0n : undefined; // "0" is octal with no further digits
  const prefix = base === 2 ? '0b' : base === 8 ? '0o' : base === 16 ? '0x' : '';
  const n = BigInt(prefix + digits);
  return n > UINT64_MAX ? undefined : n;
}

/** Go's `strconv.ParseInt(s, 0, 64)`. */
function parseIntBase0(s: string): bigint | undefined {
  const negative = s[0] === '-';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const n = parseUintBase0(body);
  if (n === undefined) return undefined;
  if (negative ? n > INT64_MAX + 1n : n > INT64_MAX) return undefined;
  return negative ? -n : n;
}

/** go-yaml v2 `resolve()` for a plain scalar that starts with a sign, a digit or a dot. */
export function resolveGoYamlNumber(text: string): number | string {
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return special;
  if (text[0] === '.') {
    // strconv.ParseFloat on the text as written (no underscores allowed without a base prefix).
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : text;
  }
  const plain = text.replace(/_/g, '');
  const int = parseIntBase0(plain);
  if (int !== undefined) return Number(int);
  const uint = plain[0] === '+' || plain[0] === '-' ? undefined : parseUintBase0(plain);
  if (uint !== undefined) return Number(uint);
  if (GO_YAML_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return f; // ParseFloat reports a range error for overflow: the text stays a string
  }
  return text;
}

/** One tag for every plain scalar go-yaml v2 could read as a number; it resolves to a string when it is not one. */
const goYamlNumber: ScalarTag = {
  identify: value => typeof value === 'number',
  default: true,
  tag: INT_TAG,
  test: /^[-+.0-9]/,
  resolve: (text: string) => resolveGoYamlNumber(text),
};

/**
 * `customTags` for `parseAllDocuments(..., { version: '1.1' })`: the YAML 1.1 schema with its int, float,
 * base-60 and timestamp tags replaced by go-yaml v2's number rules (booleans, nulls and merge keys unchanged).
 */
export function kubectlTags(tags: Tags): Tags {
  const kept = tags.filter(t => typeof t === 'string' || (t.tag !== INT_TAG && t.tag !== FLOAT_TAG
    && t.tag !== TIMESTAMP_TAG));
  // The number tag goes after null and booleans, whose tests it would otherwise shadow for `+.inf`-like text.
  return [...kept, goYamlNumber];
}
