import type { DeviceKind } from './enums';

/** What a kind of device sends, and how long it may stay silent before it counts as offline. */
export interface DeviceKindSpec {
  /** What `Reading.value` measures. */
  readonly unit: string;
  /** Values outside [min, max] are physically impossible for the kind: refused at ingestion. */
  readonly min: number;
  readonly max: number;
  /** Longest silence, in minutes, before the heartbeat sweep marks a device OFFLINE. */
  readonly heartbeatMinutes: number;
}

/**
 * The kinds' units and limits. Ranges are what the hardware can report, not alarm thresholds (those
 * are the early-warning engine's rules).
 */
export const DEVICE_KINDS: Readonly<Record<DeviceKind, DeviceKindSpec>> = {
  // Activity detected in the frame, 0 (still) to 1; cameras report every minute.
  CAMERA: { unit: 'activity', min: 0, max: 1, heartbeatMinutes: 5 },
  // Smoke obscuration in percent per metre.
  SMOKE_SENSOR: { unit: '%obs/m', min: 0, max: 100, heartbeatMinutes: 60 },
  // Litres used since the previous reading; a meter reports hourly.
  WATER_METER: { unit: 'L', min: 0, max: 5000, heartbeatMinutes: 120 },
  // Car state: 0 normal, 1 out of service, 2 stopped between floors with someone inside.
  ELEVATOR: { unit: 'state', min: 0, max: 2, heartbeatMinutes: 10 },
  // Combustible gas in percent of the lower explosive limit.
  GAS_DETECTOR: { unit: '%LEL', min: 0, max: 100, heartbeatMinutes: 60 },
  // Water level under the cover, in centimetres.
  MANHOLE: { unit: 'cm', min: 0, max: 500, heartbeatMinutes: 360 },
};

export function isDeviceKind(value: string): value is DeviceKind {
  return Object.hasOwn(DEVICE_KINDS, value);
}
