import { registerEnumType } from 'type-graphql';

export enum AlertKind {
  FIRE = 'FIRE',
  GAS_LEAK = 'GAS_LEAK',
  WATER_LEAK = 'WATER_LEAK',
  ELEVATOR_TRAPPED = 'ELEVATOR_TRAPPED',
  ELDERLY_INACTIVITY = 'ELDERLY_INACTIVITY',
  REPEATED_COMPLAINTS = 'REPEATED_COMPLAINTS',
  PETITION_SURGE = 'PETITION_SURGE',
  DEVICE_OFFLINE = 'DEVICE_OFFLINE',
}
registerEnumType(AlertKind, { name: 'AlertKind', description: 'What an early warning (预警) is about.' });

export enum AlertSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });

export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(AlertStatus, { name: 'AlertStatus', description: 'OPEN → ACKNOWLEDGED → RESOLVED.' });

export enum DeviceKind {
  CAMERA = 'CAMERA',
  SMOKE_SENSOR = 'SMOKE_SENSOR',
  WATER_METER = 'WATER_METER',
  ELEVATOR = 'ELEVATOR',
  GAS_DETECTOR = 'GAS_DETECTOR',
  MANHOLE = 'MANHOLE',
}
registerEnumType(DeviceKind, {
  name: 'DeviceKind',
  description: 'What a device is; each kind has its own unit, valid range and heartbeat (see `DeviceKindSpec`).',
});

export enum DeviceStatus {
  ONLINE = 'ONLINE',
  OFFLINE = 'OFFLINE',
}
registerEnumType(DeviceStatus, { name: 'DeviceStatus', description: 'OFFLINE: silent for longer than its kind’s heartbeat allows.' });

export enum ReadingRejection {
  UNKNOWN_DEVICE = 'UNKNOWN_DEVICE',
  IN_THE_FUTURE = 'IN_THE_FUTURE',
  TOO_OLD = 'TOO_OLD',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  INVALID_TIME = 'INVALID_TIME',
}
registerEnumType(ReadingRejection, { name: 'ReadingRejection', description: 'Why one reading of a batch was refused.' });
