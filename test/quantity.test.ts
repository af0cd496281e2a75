import { parseQuantity } from '../lib/quantity';

describe('parseQuantity', () => {
  test.each([
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['2k', 2000],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('parses %s', (value, expected) => {
    expect(parseQuantity(value)).toBeCloseTo(expected);
  });

  test.each(['', '1 Gi', '1GB', 'abc', '-1', '1.2.3', 'Mi'])('rejects %j', value => {
    expect(parseQuantity(value)).toBeUndefined();
  });
});
