/** Plain scalars read as go-yaml v2 `resolve()` reads them (gopkg.in/yaml.v2 resolve.go), which kubectl uses. */
import { parseAllDocuments } from 'yaml';
import { KUBECTL_YAML } from '../../validation/load';
import { resolveGoYamlNumber } from '../../validation/yaml-compat';

describe('resolveGoYamlNumber', () => {
  test.each([
    ['0o644', 420], ['0O644', 420], ['0644', 420], ['-0o17', -15], ['0x1F', 31], ['0x_1f', 31], ['0b101', 5], ['-0b101', -5],
    ['1_000', 1000], ['1__0', 10], ['+12', 12], ['-0', 0], ['0', 0], ['08', 8], ['1e3', 1000], ['1.5e3', 1500], ['.5', 0.5],
    ['-.5', -0.5], ['0.', 0], ['1_000.5', 1000.5], ['9223372036854775807', 9223372036854775807],
    ['18446744073709551615', 18446744073709551615],
    // Beyond uint64/int64: ParseInt and ParseUint fail, the float pattern matches.
    ['18446744073709551616', 18446744073709551616], ['-9223372036854775809', -9223372036854775809],
  ] as [string, number][])('%s is the number %d', (text, expected) => {
    expect(resolveGoYamlNumber(text)).toBe(expected);
  });

  test.each(['1:20', '190:20:30', '2001-12-14', '2001-12-14T21:59:43.10-05:00', '1.2.3', '10.0.0.1', '0x', '-', '+',
    '12e', '1e400', '.', '._5', '0b2', '0o8', '1_000.5_e3x'])('%s stays a string', text => {
    expect(resolveGoYamlNumber(text)).toBe(text);
  });

  test('.inf, -.Inf and .nan are floats', () => {
    expect([resolveGoYamlNumber('.inf'), resolveGoYamlNumber('-.Inf'), resolveGoYamlNumber('+.INF')]).toEqual([Infinity, -Infinity, Infinity]);
    expect(resolveGoYamlNumber('.nan')).toBeNaN();
  });
});

describe('KUBECTL_YAML', () => {
  test('keeps YAML 1.1 booleans and nulls, quoted scalars stay strings', () => {
    const [doc] = parseAllDocuments('a: yes\nb: off\nc: ~\nd: "0644"\ne: y\nf: 0644\n', KUBECTL_YAML);
    expect(doc.toJS()).toEqual({ a: true, b: false, c: null, d: '0644', e: true, f: 420 });
  });
});
