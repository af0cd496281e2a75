/** A label or annotation: a key and its value. */
export interface MetadataEntry {
  /** Key, e.g. `team` or `example.com/cost-center` (a label key: an optional DNS subdomain prefix and '/'). */
  readonly key: string;
  /** Value (for a label: at most 63 letters, digits, '-', '_' or '.'; for an annotation: any text). */
  readonly value: string;
}
