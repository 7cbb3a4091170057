/**
 * Text that every file format Khabar writes can carry: Unicode scalar values only (no lone
 * UTF-16 surrogate, which UTF-8 cannot encode and the schema refuses), and none of the
 * characters YAML and XML 1.0 forbid outright: the C0 controls other than tab, line feed and
 * carriage return (NUL first of all), U+FFFE and U+FFFF. They are removed, not replaced: the
 * text around them is kept as it was.
 */

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NOT_CARRIED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function wellFormed(text: string): string {
  NOT_CARRIED.lastIndex = 0;
  return NOT_CARRIED.test(text) ? text.replace(NOT_CARRIED, '') : text;
}

/** `value` with wellFormed applied to every string in it, at any depth (arrays and plain objects). */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => wellFormedDeep(item)) as T;
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[wellFormed(key)] = wellFormedDeep(item);
    return out as T;
  }
  return value;
}
