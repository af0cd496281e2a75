/**
 * parseQuantity against the table of TestQuantityParse in k8s.io/apimachinery/pkg/api/resource/quantity_test.go
 * (expected values in base units; "Things that saturate/round" round up to a multiple of 1n).
 */
import {
  DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX, MAX_SCALED_OBJECT_NAME, WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION,
  WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION, WORKLOAD_IDENTITY_USE_LABEL, parseQuantity,
} from '../../validation/k8s-facts';

const KI = 1024;

/** Equal up to double precision (relative 1e-12), so 0.05Gi and 53687091.2 compare equal. */
function close(actual: number | undefined, expected: number): boolean {
  return actual !== undefined && Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

const VALID: readonly [string, number][] = [
  ['0', 0], ['0n', 0], ['0u', 0], ['0m', 0], ['0Ki', 0], ['0k', 0], ['0Mi', 0], ['0M', 0], ['0Gi', 0], ['0G', 0],
  ['0Ti', 0], ['0T', 0],
  ['1', 1],
  ['1Ki', KI], ['8Ki', 8 * KI], ['7Mi', 7 * KI ** 2], ['6Gi', 6 * KI ** 3], ['5Ti', 5 * KI ** 4], ['4Pi', 4 * KI ** 5],
  ['3Ei', 3 * KI ** 6], ['10Ti', 10 * KI ** 4], ['100Ti', 100 * KI ** 4],
  ['5n', 5e-9], ['4u', 4e-6], ['3m', 3e-3], ['9', 9], ['8k', 8e3], ['50k', 5e4], ['7M', 7e6], ['6G', 6e9], ['5T', 5e12],
  ['40T', 4e13], ['300T', 3e14], ['2P', 2e15], ['1E', 1e18],
  ['1E-3', 1e-3], ['1e3', 1e3], ['1E6', 1e6], ['1e9', 1e9], ['1E12', 1e12], ['1e15', 1e15], ['1E18', 1e18],
  ['1e14', 1e14], ['1e13', 1e13], ['100.035k', 100035],
  ['0.001', 0.001], ['0.0005k', 0.5], ['0.005', 0.005], ['0.05', 0.05], ['0.5', 0.5], ['0.00050k', 0.5],
  ['0.00500', 0.005], ['0.05000', 0.05], ['0.50000', 0.5], ['0.5e0', 0.5], ['0.5e-1', 0.05], ['0.5e-2', 0.005],
  ['10.035M', 10035000],
  ['1.2e3', 1200], ['1.3E+6', 1.3e6], ['1.40e9', 1.4e9], ['1.53E12', 1.53e12], ['1.6e15', 1.6e15], ['1.7E18', 1.7e18],
  ['9.01', 9.01], ['8.1k', 8100], ['7.123456M', 7123456], ['6.987654321G', 6987654321], ['5.444T', 5.444e12],
  ['40.1T', 4.01e13], ['300.2T', 3.002e14], ['2.5P', 2.5e15], ['1.01E', 1.01e18],
  ['3.001n', 4e-9], ['1.1E-9', 2e-9], ['0.0000000001', 1e-9], ['0.0000000005', 1e-9], ['0.00000000050', 1e-9],
  ['0.5e-9', 1e-9], ['0.9n', 1e-9], ['0.00000012345', 124e-9], ['0.00000012354', 124e-9],
  ['9Ei', 2 ** 63 - 1], ['9223372036854775807Ki', 2 ** 63 - 1], ['12E', 12e18],
  ['100.035Ki', 102435.84], ['0.5Mi', 0.5 * KI ** 2], ['0.05Gi', 53687091.2], ['0.025Ti', 27487790694.4],
  ['0.000000000001Ki', 2e-9], ['.001', 0.001], ['.0001k', 0.1], ['1.', 1], ['1.G', 1e9],
];

const INVALID = ['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '', '1e', '1KiB', '1K'];

describe('parseQuantity', () => {
  test.each(VALID)('reads %s like the API server', (input, expected) => {
    // WHEN / THEN (the apimachinery test also runs every entry with a - and a + sign)
    expect(close(parseQuantity(input), expected)).toBe(true);
    expect(close(parseQuantity(`-${input}`), -expected)).toBe(true);
    expect(close(parseQuantity(`+${input}`), expected)).toBe(true);
  });

  test.each(INVALID.map(s => [s]))('fails when the quantity is %j (the API server rejects it)', input => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  test('truncates the decimal exponent to int32 like suffixHandler.interpret', () => {
    // GIVEN 2^32 + 3 as the exponent WHEN parsed THEN int32(4294967299) = 3
    expect(parseQuantity('1e4294967299')).toBe(1000);
  });

  test('reads huge and tiny exponents without building huge numbers', () => {
    expect(parseQuantity('1e999999')).toBe(Infinity);
    expect(parseQuantity('1e-999999')).toBe(1e-9);
  });
});

describe('constants', () => {
  test('match the Kubernetes, KEDA and Azure workload identity values', () => {
    expect([DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX, MAX_SCALED_OBJECT_NAME]).toEqual([63, 253, 54]);
    expect(WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION).toBe('azure.workload.identity/client-id');
    expect(WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION).toBe('azure.workload.identity/tenant-id');
    expect(WORKLOAD_IDENTITY_USE_LABEL).toBe('azure.workload.identity/use');
  });
});
