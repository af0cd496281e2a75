/**
 * The tenants file's messages about scalars YAML 1.1 (cdk8s's YAML) types otherwise than the file means them.
 */
import { show } from './input-checks';
import { parseQuantity } from './k8s-facts';

/**
 * The problem of a value that is not a string where the file needs one. YAML 1.1 (cdk8s's YAML) reads unquoted
 * `on`/`yes`/`no`/`y`/`n` as booleans, `0123` as octal 83, `1.10` as 1.1, `1e3` as 1000, `~` and `null` as null and
 * `2026-01-01` as a date: `text`, the value as the file writes it, turns that into a "quote it" hint.
 */
export function notAString(value: unknown, text: string | undefined): string {
  if (text === undefined) return `(${show(value)}) must be a string`;
  const read = value instanceof Date ? `the date ${value.toISOString()}`
    : value === null ? 'null' : `the ${typeof value} ${show(value)}`;
  return `(${text === '' ? 'no value' : text}) must be a string, but YAML reads ${text === '' ? 'no value' : text} `
    + `unquoted as ${read}: quote it, ${JSON.stringify(text)}`;
}

/** Whether YAML 1.2 (an editor checking the JSON Schema) reads `text` as the boolean YAML 1.1 reads. */
export function isYaml12Boolean(text: string): boolean {
  return /^(true|True|TRUE|false|False|FALSE)$/.test(text);
}

/**
 * The problem of a value that is not `true` or `false` where the file needs a boolean. YAML 1.1 (cdk8s's YAML) reads
 * unquoted `yes`/`no`/`on`/`off`/`y`/`n` as booleans, YAML 1.2 (the JSON Schema in an editor, yq, most other tools) as
 * strings: the file would mean one thing to cdk8s and another to the editor, so it must say `true` or `false`.
 */
export function notABoolean(value: unknown, text: string | undefined): string {
  if (typeof value === 'boolean' && text !== undefined) {
    return `(${text}) must be true or false: YAML 1.1 (cdk8s) reads ${text} unquoted as ${value}, YAML 1.2 (editors `
      + `checking the JSON Schema) as the string ${JSON.stringify(text)}; write ${value}`;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return `(${show(value)}) must be true or false: write ${value.toLowerCase()} without quotes`;
  }
  return `(${text === '' ? 'no value' : text ?? show(value)}) must be true or false`;
}

/**
 * The quantity text of a number where the file takes a quantity, or undefined. Kubernetes reads an unquoted number as
 * a quantity (`cpu: 0.5`; resource.Quantity's UnmarshalJSON takes a JSON number), so the file does too, with the text
 * as written (`1e1`, `0.5`) when it reads as the same quantity. Where YAML 1.1 reads the text as another number
 * (`0123`, octal 83; `1_000`; `0x10`), the file must quote it. `text` is unknown for data given in code
 * (TenantsFile.fromData): the number's own text then.
 */
export function quantityText(value: unknown, text: string | undefined): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const written = text ?? String(value);
  // The text must read as this same number (Number() reads decimal text as YAML does; octal `0123` reads as 123, not
  // 83) and be a quantity. Comparing parseQuantity's value instead would refuse `1.14`: it adds whole units and
  // fractions apart, so its floating-point result may differ from the number YAML read in the last bit.
  return Number(written) === value && parseQuantity(written) !== undefined ? written : undefined;
}
