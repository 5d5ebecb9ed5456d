/**
 * An instant as Prisma's SQLite adapter stores DateTime (`…+00:00`): raw SQL writes it the same way, so
 * that comparisons and the (device, time) key see one spelling per instant.
 */
export function sqlTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}
