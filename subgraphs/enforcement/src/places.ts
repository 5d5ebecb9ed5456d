/** Region ids of a stored path ("/r-2101/r-210103/") from the city down. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}
