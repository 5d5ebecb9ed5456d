// A third-party app's map drill-down (地图逐级下钻), written with only the public entry point and an
// API key (or nothing): district → street → community → grid, each level one query, each region
// with its outline's size and its children to drill into. No personal field is even in the types.
//
//   npm run -s example:third-party                     (anonymous; LIANGLING_API_KEY=… to send a key)
//   npm run -s example:third-party -- --path 沈河区/大西街道/多福社区
//
// TODO(statistics): when the residents department adds public statistics on Region (population,
// housing, requests…, small cells suppressed), add them to sdk/operations/public/Region.graphql and
// print them beside each child here.
import { parseArgs } from 'node:util';
import { RegionDocument, RegionsDocument, createClient, type LianglingClient, type RegionQuery } from '@liangling/sdk/public';

export interface DrillDownOptions {
  readonly url: string;
  readonly apiKey?: string | undefined;
  /** Names to follow from the district level down, e.g. ['沈河区', '大西街道']; the first child otherwise. */
  readonly path?: readonly string[];
  readonly print?: (line: string) => void;
}

type Region = NonNullable<RegionQuery['region']>;

/** Area of a GeoJSON polygon's outer ring in km² (spherical excess is negligible at a city's scale). */
export function areaKm2(rings: readonly (readonly (readonly number[])[])[]): number {
  const ring = rings[0] ?? [];
  const lat0 = (ring.reduce((sum, point) => sum + (point[1] ?? 0), 0) / Math.max(ring.length, 1)) * (Math.PI / 180);
  const kmPerDegLat = 111.32;
  const kmPerDegLng = 111.32 * Math.cos(lat0);
  let twice = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [x1 = 0, y1 = 0] = ring[index] ?? [];
    const [x2 = 0, y2 = 0] = ring[(index + 1) % ring.length] ?? [];
    twice += x1 * kmPerDegLng * (y2 * kmPerDegLat) - x2 * kmPerDegLng * (y1 * kmPerDegLat);
  }
  return Math.abs(twice) / 2;
}

/** Walks down from the districts; resolves with the regions visited, top first. */
export async function main(options: DrillDownOptions): Promise<Region[]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const client: LianglingClient = createClient({ url: options.url, apiKey: options.apiKey });
  const { regions: districts } = await client.request(RegionsDocument, { level: 'DISTRICT' });
  print(`districts: ${districts.map((district) => district.name).join(', ')}`);
  const visited: Region[] = [];
  let nextId = (
    districts.find((district) => district.name === options.path?.[0]) ??
    districts.find((district) => district.id === 'r-210103') ??
    districts[0]
  )?.id;
  for (let depth = 0; nextId; depth += 1) {
    const { region } = await client.request(RegionDocument, { id: nextId });
    if (!region) break;
    visited.push(region);
    const indent = '  '.repeat(depth);
    print(
      `${indent}${region.name} (${region.level}, ${areaKm2(region.polygon.coordinates).toFixed(2)} km², centre ${region.centroid.lat.toFixed(4)}°N ${region.centroid.lng.toFixed(4)}°E)`,
    );
    for (const child of region.children)
      print(`${indent}  · ${child.name} (${child.level}, ${areaKm2(child.polygon.coordinates).toFixed(2)} km²)`);
    const wanted = options.path?.[depth + 1];
    nextId = (region.children.find((child) => child.name === wanted) ?? region.children[0])?.id;
  }
  return visited;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, path: { type: 'string' } } });
  main({
    url: values.url ?? process.env['LIANGLING_URL'] ?? 'http://127.0.0.1:4000/graphql',
    apiKey: process.env['LIANGLING_API_KEY'],
    path: values.path?.split('/').filter(Boolean) ?? [],
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  });
}
