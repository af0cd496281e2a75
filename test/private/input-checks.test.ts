import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { checkArray, quote, show, showUrl } from '../../lib/private/input-checks';
import { exactly } from '../util';

describe('quote', () => {
  test.each([
    ['scaling.minReplicas', "'scaling.minReplicas'"],
    ['tolerations[0].key', "'tolerations[0].key'"],
    // A prop of one item of a construct that takes many: only the prop is quoted, after the item.
    ['identity "x": create.location', "identity \"x\": 'create.location'"],
  ])('quotes %j as %s', (prop, quoted) => {
    // WHEN / THEN
    expect(quote(prop)).toBe(quoted);
  });
});

describe('show', () => {
  test.each([
    ['a string', 'x', '"x"'],
    ['negative zero', -0, '-0'],
    ['zero', 0, '0'],
    ['NaN', NaN, 'NaN'],
    ['undefined', undefined, 'undefined'],
    ['a list with an empty slot', [, 'x'], '[null,"x"]'],
  ])('shows %s', (_, value, shown) => {
    // WHEN / THEN
    expect(show(value)).toBe(shown);
  });
});

describe('showUrl', () => {
  test.each([
    // GIVEN a URL with user information, as the URL parsers split it (the password up to the last '@')
    ['https://user:secret@host.example.com/x', '"https://***@host.example.com/x"'],
    ['https://user:p@ss;w=rd@host.example.com', '"https://***@host.example.com"'],
    ['https://ghp_0123456789abcdef@host.example.com', '"https://***@host.example.com"'],
    ['htps://user:pw@host', '"htps://***@host"'],
    ['https:user:pw@host', '"https:***@host"'],
    // GIVEN no user information: an '@' in the path, query or fragment is not one
    ['https://host.example.com/a@b', '"https://host.example.com/a@b"'],
    ['https://host.example.com?u=a@b', '"https://host.example.com?u=a@b"'],
    ['https://host.example.com', '"https://host.example.com"'],
  ])('%s is shown as %s', (value, shown) => {
    // WHEN / THEN the user information is hidden
    expect(showUrl(value)).toBe(shown);
  });

  test('a value that is not a string is shown as show() shows it', () => {
    // GIVEN / WHEN / THEN
    expect(showUrl(42)).toBe('42');
    expect(showUrl(undefined)).toBe('undefined');
  });
});

describe('checkArray', () => {
  test.each([
    ['[, "x"]', [, 'x'], "c: 'command[0]' is an empty slot of the list ([null,\"x\"]): give every element"],
    ['new Array(2)', new Array(2), "c: 'command[0]' is an empty slot of the list ([null,null]): give every element"],
    ['["x", , "y"]', ['x', , 'y'], "c: 'command[1]' is an empty slot of the list ([\"x\",null,\"y\"]): give every element"],
  ])('fails when a list has an empty slot: %s', (_, value, message) => {
    // GIVEN
    const scope = new Construct(Testing.app(), 'c');
    // WHEN / THEN
    expect(() => checkArray(scope, 'command', value)).toThrow(exactly(message));
  });

  test('accepts undefined, an empty list, and a list of nulls (each element is checked on its own)', () => {
    // GIVEN
    const scope = new Construct(Testing.app(), 'c');
    // WHEN / THEN
    for (const value of [undefined, [], [null], ['x', 'y']]) {
      expect(() => checkArray(scope, 'command', value)).not.toThrow();
    }
  });
});
