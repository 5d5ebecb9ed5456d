// New alerts, as they are created, for the open subscription streams of this process.
import { EventEmitter } from 'node:events';
import type { Alert as AlertRow } from './generated/prisma/client';

export const alertEvents = new EventEmitter();
// One listener per open stream (the gateway shares one per region among all its clients).
alertEvents.setMaxListeners(0);

/** Tells the open streams that an alert was raised (called once per alert created). */
export function publishAlertRaised(alert: AlertRow): void {
  alertEvents.emit('alert', alert);
}
