import type { City, Department } from '@liangling/kit';
import { requests } from '@liangling/requests';
import { residents } from '@liangling/residents';

/** Every department subgraph of the graph, in composition order. */
export const DEPARTMENTS: readonly Department<any, any, City>[] = [residents, requests];
