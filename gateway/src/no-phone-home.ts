/**
 * @apollo/gateway reports usage to Apollo's servers over OpenTelemetry, and first probes the cloud
 * metadata addresses (169.254.169.254 and others) to describe the host, unless
 * `APOLLO_TELEMETRY_DISABLED` is set when an `ApolloGateway` is constructed. A city's gateway sends
 * nothing to anyone it was not configured to reach, so it is set here, before any gateway exists,
 * whatever the environment says: this is not a setting.
 */
export function disableApolloTelemetry(): void {
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
}
