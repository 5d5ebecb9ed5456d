// A small offline map: longitude/latitude projected onto a box (equirectangular, scaled by the
// latitude's cosine, which is exact enough for a street a few kilometres across). The box keeps the
// shape's proportions, so a square block of streets stays square at any width.
export interface LngLat {
  readonly lng: number;
  readonly lat: number;
}

export type Ring = readonly (readonly number[])[];

export interface Projection {
  readonly width: number;
  readonly height: number;
  point(at: LngLat): { x: number; y: number };
}

/** A projection that fits every ring (and point) into `width` × `height`, with a margin. */
export function fit(rings: readonly Ring[], width: number, height: number, margin = 16): Projection {
  const points = rings.flat();
  const lngs = points.map((point) => point[0] ?? 0);
  const lats = points.map((point) => point[1] ?? 0);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * cos, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    width,
    height,
    point: ({ lng, lat }) => ({ x: offsetX + (lng - minLng) * cos * scale, y: offsetY + (maxLat - lat) * scale }),
  };
}

/** An SVG path for a GeoJSON polygon's rings. */
export function pathOf(projection: Projection, rings: readonly Ring[]): string {
  return rings
    .map(
      (ring) =>
        ring
          .map((point, index) => {
            const { x, y } = projection.point({ lng: point[0] ?? 0, lat: point[1] ?? 0 });
            return `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}

/**
 * Places `count` markers around one point without covering each other: the first at the point, the
 * rest on rings around it (6 on the first, 12 on the second…), `spacing` apart.
 */
export function spread(center: { x: number; y: number }, count: number, spacing = 13): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let ring = 0;
  while (out.length < count) {
    if (ring === 0) {
      out.push({ ...center });
    } else {
      const slots = ring * 6;
      for (let slot = 0; slot < slots && out.length < count; slot++) {
        const angle = (slot / slots) * 2 * Math.PI - Math.PI / 2;
        out.push({ x: center.x + Math.cos(angle) * ring * spacing, y: center.y + Math.sin(angle) * ring * spacing });
      }
    }
    ring++;
  }
  return out;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
