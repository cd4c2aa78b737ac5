// Evidence and batch ids are UUIDs; anything else is simply not found.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only a string: a server action's caller may send anything, and an array of one UUID would pass the test. */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
