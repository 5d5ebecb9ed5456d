import type { Context } from './context';

/** A row about a household (a care visit, an assistance application) with the household's members, its subjects. */
export async function withMembers<Row extends { readonly householdId: string }>(
  context: Context,
  row: Row,
): Promise<Row & { readonly memberIds: readonly string[] }> {
  const household = await context.loaders.household.load(row.householdId);
  return { ...row, memberIds: household?.memberIds ?? [] };
}
