import { isPostgresLocation, type GatewayStore } from '../gateway-store';
import { PostgresGatewayStore } from './postgres-store';
import { SqliteGatewayStore } from './sqlite-store';

/**
 * The store `GATEWAY_STORE` names: a `postgresql://` URL opens the PostgreSQL store (its tables
 * created if missing), anything else is the path of a SQLite file (created if missing).
 */
export async function openGatewayStore(location: string): Promise<GatewayStore> {
  return isPostgresLocation(location) ? PostgresGatewayStore.open(location) : new SqliteGatewayStore(location);
}
