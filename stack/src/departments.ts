import { audit } from '@liangling/audit';
import { enforcement } from '@liangling/enforcement';
import type { City, SomeDepartment } from '@liangling/kit';
import { monitoring } from '@liangling/monitoring';
import { neighbours } from '@liangling/neighbours';
import { petitions } from '@liangling/petitions';
import { requests } from '@liangling/requests';
import { residents } from '@liangling/residents';

/**
 * Every department subgraph of the graph. Audit comes first: every other department writes its access
 * records there before it reveals anything.
 */
export const DEPARTMENTS: readonly SomeDepartment<City>[] = [audit, residents, neighbours, requests, petitions, enforcement, monitoring];
