import { execFileSync } from 'child_process';
import * as path from 'path';
import * as lib from '../../lib/private/k8s-facts';
import * as validator from '../../validation/k8s-facts';

const ROOT = path.join(__dirname, '..', '..');

describe('Kubernetes facts: one source for the library and the validator', () => {
  test('lib/private/k8s-facts.ts and time-zones.ts are the generated copies of their validation/ sources', () => {
    // WHEN / THEN: exits 0 only when the copy is current
    expect(() => execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'sync-k8s-facts.mjs'), '--check']))
      .not.toThrow();
  });

  test('both export the same facts', () => {
    expect(Object.keys(lib).sort()).toEqual(Object.keys(validator).sort());
    for (const [name, value] of Object.entries(validator)) {
      if (typeof value !== 'function') {
        expect({ name, value: (lib as Record<string, unknown>)[name] }).toEqual({ name, value });
      }
    }
  });

  test('the library parses what it checks with the API server grammar', () => {
    // GIVEN inputs the old library parser got wrong
    // THEN
    expect(lib.parseQuantity('100u')).toBeCloseTo(1e-4, 12);
    expect(lib.parseQuantity('100n')).toBeCloseTo(1e-7, 12);
    expect(lib.parseQuantity('-1')).toBe(-1);
    expect(lib.parseQuantity('1Ei')).toBe(2 ** 60);
    expect(lib.parseQuantity('1GB')).toBeUndefined();
    expect(lib.parseQuantity('constructor')).toBeUndefined();
  });
});
