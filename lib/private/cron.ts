import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';

const MONTHS = Object.freeze(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']);
const WEEKDAYS = Object.freeze(['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']);

interface CronField {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameBase?: number;
}

/** The five fields of a standard cron expression (as KEDA's cron scaler parses it): range and names. */
const CRON_FIELDS: readonly CronField[] = Object.freeze([
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
]);

function cronValue(token: string, field: CronField): number | undefined {
  if (/^[0-9]+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index === -1 ? undefined : index + (field.nameBase ?? 0);
}

function isCronField(text: string, field: CronField): boolean {
  return text.split(',').every(item => {
    const [range, step, ...extra] = item.split('/');
    if (extra.length > 0 || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) {
      return false;
    }
    if (range === '*' || range === '?') {
      return true;
    }
    const [from, to, ...more] = range.split('-');
    const start = cronValue(from, field);
    const end = to === undefined ? start : cronValue(to, field);
    return more.length === 0 && start !== undefined && end !== undefined && start <= end;
  });
}

export function checkCron(scope: IConstruct, prop: string, value: string): void {
  const fields = typeof value === 'string' ? value.trim().split(/\s+/) : [];
  if (fields.length !== 5 || !fields.every((text, i) => isCronField(text, CRON_FIELDS[i]))) {
    fail(scope, `'${prop}' (${show(value)}) must be a five-field cron expression (minute 0-59, hour 0-23, day of month `
      + `1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT), e.g. "0 8 * * 1-5"`);
  }
}

/** The values a valid field matches (`*` and `?` all of the field's range). */
function fieldValues(text: string, field: CronField): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, step] = item.split('/');
    const [from, to] = range === '*' || range === '?' ? [undefined, undefined] : range.split('-');
    const start = from === undefined ? field.min : cronValue(from, field)!;
    // A single value with a step runs to the field's end, as in Go's robfig/cron ("5/10": 5, 15, ...).
    const end = from === undefined || (to === undefined && step !== undefined) ? field.max
      : to === undefined ? start : cronValue(to, field)!;
    for (let n = start; n <= end; n += Number(step ?? 1)) {
      values.add(n);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * Whether two valid cron expressions fire at the same times: the same values in every field, and (as robfig/cron
 * ORs day of month and day of week unless one starts with `*` or `?`) the same such wildcards in those two fields.
 */
export function sameCronSchedule(a: string, b: string): boolean {
  const key = (value: string) => value.trim().split(/\s+/).map((text, i) =>
    `${i >= 2 && /^[*?]/.test(text) ? '*' : ''}${fieldValues(text, CRON_FIELDS[i]).join(',')}`).join(' ');
  return key(a) === key(b);
}
