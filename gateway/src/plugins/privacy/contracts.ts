import { audienceOf, buildContract, type Audience, type Caller, type FieldPolicies } from '@liangling/schema';
import { LRUCache } from 'lru-cache';
import { validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

export interface AudienceContractsOptions {
  /** How many (document, audience) validations to remember, so a repeated operation is checked once. @default 1000 */
  readonly cacheSize?: number;
}

/**
 * Contract selection per audience: each caller sees the schema of their audience (public, partner,
 * government with their own department's SECRET fields, full), built once per audience and
 * department from the API schema and the supergraph's field policies, and forgotten when the schema
 * changes. A document is validated against the caller's contract, so a field they may never know
 * exists fails as an unknown field.
 */
export class AudienceContracts {
  private apiSchema: GraphQLSchema | undefined;
  private policies: FieldPolicies = new Map();
  // Keyed by audience and department; a token names its department, so the count is bounded here too.
  private readonly contracts = new LRUCache<string, GraphQLSchema>({ max: 256 });
  private readonly validated: LRUCache<string, readonly GraphQLError[]>;

  constructor(options: AudienceContractsOptions = {}) {
    this.validated = new LRUCache({ max: options.cacheSize ?? 1000 });
  }

  /** The schema served from now on (and its policies): every contract is built anew. */
  load(apiSchema: GraphQLSchema, policies: FieldPolicies): void {
    this.apiSchema = apiSchema;
    this.policies = policies;
    this.contracts.clear();
    this.validated.clear();
  }

  /** The full API schema, as loaded. */
  get schema(): GraphQLSchema {
    if (!this.apiSchema) throw new Error('privacy: no schema loaded yet');
    return this.apiSchema;
  }

  get fieldPolicies(): FieldPolicies {
    return this.policies;
  }

  /** The caller's contract: the full schema for the `full` audience, else their audience's (and department's). */
  contractFor(caller: Caller): GraphQLSchema {
    const audience: Audience = audienceOf(caller);
    const department = departmentOf(caller);
    const schema = this.schema;
    if (audience === 'full') return schema;
    const key = `${audience}:${department ?? ''}`;
    let contract = this.contracts.get(key);
    if (!contract) {
      contract = buildContract(schema, this.policies, audience, department);
      this.contracts.set(key, contract);
    }
    return contract;
  }

  /** The document's validation errors against the caller's contract (none against the full schema), remembered by `queryHash`. */
  validate(queryHash: string, document: DocumentNode, caller: Caller): readonly GraphQLError[] {
    const contract = this.contractFor(caller);
    const key = `${queryHash}:${audienceOf(caller)}:${departmentOf(caller) ?? ''}`;
    let errors = this.validated.get(key);
    if (!errors) {
      errors = contract === this.apiSchema ? [] : validate(contract, document);
      this.validated.set(key, errors);
    }
    return errors;
  }
}

/** The department whose SECRET fields a government contract holds: an officer's own. */
function departmentOf(caller: Caller): string | undefined {
  return caller.role === 'department_officer' ? caller.department : undefined;
}
