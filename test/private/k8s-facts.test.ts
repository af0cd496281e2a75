import { parseQuantity } from '../../lib/private/k8s-facts';

describe('parseQuantity (the API server grammar)', () => {
  test.each([
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['2k', 2000],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1E', 1e18],
    ['5e-3', 0.005],
    ['.5', 0.5],
    ['5.', 5],
    ['+1', 1],
    ['-1', -1],
    ['100u', 100e-6],
    ['100n', 100e-9],
    ['1Ei', 2 ** 60],
  ])('parses %s', (value, expected) => {
    expect(parseQuantity(value)).toBeCloseTo(expected, 12);
  });

  test.each(['', '1 Gi', '1GB', 'abc', '1.2.3', 'Mi', '1e', '1Ki1', '1i', '--1', ' 1', 'constructor', '1constructor'])(
    'rejects %j', value => {
      expect(parseQuantity(value)).toBeUndefined();
    });
});
