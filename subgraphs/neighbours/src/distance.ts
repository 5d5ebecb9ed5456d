const EARTH_RADIUS_METRES = 6_371_008.8;

/** Great-circle (haversine) distance between two WGS84 points, in whole metres. */
export function distanceMetres(from: { lng: number; lat: number }, to: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLng = (to.lng - from.lng) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a))));
}

/** Ids from the city down to a region, out of a stored path ("/r-2101/r-210103/"). */
