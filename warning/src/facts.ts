import type { Schema } from '@liangling/sdk/government';

// What the engine reads from the graph, in the shape the rules take: plain data, so that every rule is a
// pure function that tests can feed directly.

export interface SensorReadingFact {
  readonly deviceId: string;
  readonly deviceKind: Schema.DeviceKind;
  readonly at: Date;
  readonly value: number;
  readonly buildingId: string | null;
  readonly gridId: string;
}

export interface WaterMeterFact {
  readonly deviceId: string;
  readonly householdId: string;
  readonly readings: number;
  /** Litres used in the window. */
  readonly total: number;
  /** The household's members; a care flag the engine may not see is null, and never guessed. */
  readonly members: readonly { readonly id: string; readonly elderly: boolean | null; readonly livesAlone: boolean | null }[];
}

export interface RepairRequestFact {
  readonly id: string;
  readonly category: Schema.RepairCategory;
  readonly createdAt: Date;
  readonly buildingId: string;
}

export interface PetitionFact {
  readonly id: string;
  /** Null when the engine may not read it (it is the petitioner's personal data). */
  readonly subject: string | null;
  readonly receivedAt: Date;
  /** The street (街道) it comes from; null when the petitions office does not say (the petitioner has no registered home). */
  readonly streetId: string | null;
}

/** A device the heartbeat sweep marked OFFLINE, with where it is. */
export interface OfflineDeviceFact {
  readonly deviceId: string;
  readonly deviceKind: Schema.DeviceKind;
  /** Its last reading; null when it never sent one. */
  readonly lastSeenAt: Date | null;
  readonly buildingId: string | null;
  readonly gridId: string;
}

/** A water meter's readings in a window, with their lowest value: water that never stopped running. */
export interface RunningWaterFact {
  readonly deviceId: string;
  readonly householdId: string;
  readonly readings: number;
  /** The smallest reading in the window, in litres since the previous one. */
  readonly lowest: number;
  readonly total: number;
}

/** One alert the rules would raise: the monitoring subgraph's input, with its dedupe key. */
export type AlertCandidate = Schema.RaiseAlertInput & { readonly dedupeKey: string };
