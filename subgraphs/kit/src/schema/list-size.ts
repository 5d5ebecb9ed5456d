import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { codedError } from '@liangling/schema';
import { defaultFieldResolver, valueFromASTUntyped, type FieldDefinitionNode, type GraphQLSchema } from 'graphql';
import { Directive } from 'type-graphql';
import { MAX_PAGE_SIZE } from './connection';

/**
 * A list field's size, in the demand-control directive `@listSize` (https://specs.apollo.dev/cost/v0.1),
 * which composition keeps in the supergraph: the gateway's cost estimate reads it, and the kit holds
 * the resolver to it (see {@link enforceListSizes}).
 */
export interface ListSizeOptions {
  /**
   * Most items the list ever holds. Without a slicing argument it is the size the gateway counts; with
   * one, the largest value that argument may take. @default MAX_PAGE_SIZE for slicing arguments
   */
  readonly assumedSize?: number;
  /** Arguments that say how many items come back (`first`). */
  readonly slicingArguments?: readonly string[];
  /** Fields of the returned object that hold the sliced list (`edges` of a connection). */
  readonly sizedFields?: readonly string[];
  /** Whether one slicing argument must be given. @default false here (every slicing argument has a default) */
  readonly requireOneSlicingArgument?: boolean;
}

/** Declares a list field's size: `@ListSize({ assumedSize: 50 })`, `@ListSize({ slicingArguments: ['first'], assumedSize: 1000 })`. */
export function ListSize(options: ListSizeOptions): MethodDecorator & PropertyDecorator {
  const args: string[] = [];
  if (options.assumedSize !== undefined) args.push(`assumedSize: ${options.assumedSize}`);
  if (options.slicingArguments) args.push(`slicingArguments: ${JSON.stringify(options.slicingArguments)}`);
  if (options.sizedFields) args.push(`sizedFields: ${JSON.stringify(options.sizedFields)}`);
  args.push(`requireOneSlicingArgument: ${options.requireOneSlicingArgument ?? false}`);
  return Directive(`@listSize(${args.join(', ')})`) as MethodDecorator & PropertyDecorator;
}

/**
 * The most rows one request may take from one department: every sliced list reserves its page
 * (`first`) before its resolver reads a row, every other declared list counts the items it holds. A
 * request past it is refused with RESULT_TOO_LARGE at the field that would cross it, so that the
 * heaviest request the gateway's estimate allows (which assumes every list full) cannot make a
 * department read tens of thousands of rows while it serves everyone else (BENCHMARKS.md, "One
 * caller's heavy query").
 */
export const ROWS_PER_REQUEST = 2500;

/** What each request has taken so far, by its context object. */
const taken = new WeakMap<object, number>();

/**
 * Holds every field declared with `@listSize` to its declaration, at the source: a slicing argument
 * above the declared maximum is refused before the resolver reads a row, and a list that came back
 * longer than declared is refused rather than sent (so the gateway's estimate never undercounts), except
 * in a mutation's result, which is sent whole once the mutation has written.
 * Both are RESULT_TOO_LARGE, at the field's path; the rest of the response stands.
 */
export function enforceListSizes(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const declared = listSizeOf(field.astNode);
      if (!declared) return field;
      const slicing = declared.slicingArguments ?? [];
      const maximum = declared.assumedSize ?? MAX_PAGE_SIZE;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: async (source, args: Record<string, unknown>, context, info) => {
          let limit = slicing.length > 0 ? undefined : maximum;
          for (const name of slicing) {
            const value = args[name];
            if (typeof value !== 'number') continue;
            if (!Number.isInteger(value) || value < 0 || value > maximum) {
              throw codedError('RESULT_TOO_LARGE', `${name} on ${typeName}.${fieldName} must be between 0 and ${maximum}.`, {
                argument: name,
                limit: maximum,
              });
            }
            limit = Math.min(limit ?? value, value);
          }
          const request = typeof context === 'object' && context !== null ? (context as object) : undefined;
          const mutation = info.operation.operation === 'mutation';
          if (request && !mutation && slicing.length > 0 && limit !== undefined) {
            const total = (taken.get(request) ?? 0) + limit;
            if (total > ROWS_PER_REQUEST) throw tooManyRows(typeName, fieldName, total);
            taken.set(request, total);
          }
          const result: unknown = await resolve(source, args, context, info);
          const items = Array.isArray(result) ? result : undefined;
          if (request && !mutation && slicing.length === 0 && items) {
            const total = (taken.get(request) ?? 0) + items.length;
            if (total > ROWS_PER_REQUEST) throw tooManyRows(typeName, fieldName, total);
            taken.set(request, total);
          }
          // A mutation has written by now: its result is sent whole (what it wrote is bounded by its input).
          if (items && info.operation.operation !== 'mutation' && limit !== undefined && items.length > limit) {
            throw codedError(
              'RESULT_TOO_LARGE',
              `${typeName}.${fieldName} holds more than its declared ${limit} items here; ask with narrower arguments.`,
              { limit, actual: items.length },
            );
          }
          return result;
        },
      };
    },
  });
}

function tooManyRows(typeName: string, fieldName: string, total: number) {
  return codedError(
    'RESULT_TOO_LARGE',
    `${typeName}.${fieldName} would bring this request to ${total} rows of this department; one request may take ${ROWS_PER_REQUEST}. Ask for fewer or smaller pages.`,
    {
      limit: ROWS_PER_REQUEST,
      actual: total,
    },
  );
}

/** The `@listSize` arguments written on a field's definition, if any. */
function listSizeOf(node: FieldDefinitionNode | null | undefined): ListSizeOptions | undefined {
  const directive = node?.directives?.find((d) => d.name.value === 'listSize');
  if (!directive) return undefined;
  return Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)])) as ListSizeOptions;
}
