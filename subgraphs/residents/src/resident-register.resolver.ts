import { invalidInput, pathIds, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { changesContactDetails, staffOf } from './access';
import type { Context } from './context';
import type { Resident as ResidentRow } from './generated/prisma/client';
import { applyStatsChanges, type StatsChange } from './region-statistics';
import { Resident } from './resident';
import { phoneSchema, RegisterResidentInput, registerResidentSchema } from './resident-register.inputs';

/** Age at which the `elderly` care flag is set at registration. */
const ELDERLY_AGE = 60;

const DUPLICATE_ID_NUMBER = 'A resident with this ID number is already registered.';

/**
 * The register of residents (居民登记): who lives in which household, and how to reach them. Its
 * mutations are listed after the care visits' in the schema, hence a resolver of its own.
 */
@Resolver(() => Resident)
export class ResidentRegisterResolver {
  @Mutation(() => Resident, {
    description:
      'Registers a resident in a household: grid workers and community staff of the household’s grid. Validated before anything is written.',
  })
  async registerResident(
    @Arg('input', () => RegisterResidentInput) input: RegisterResidentInput,
    @Ctx() context: Context,
  ): Promise<ResidentRow> {
    const resident = validate(registerResidentSchema, input);
    if (new Date(`${resident.birthDate}T00:00:00Z`).getTime() > context.now().getTime())
      throw invalidInput('birthDate', 'A birth date cannot be in the future.');
    const household = await context.db.household.findUnique({ where: { id: resident.householdId } });
    if (!household) throw invalidInput('householdId', `There is no household ${resident.householdId}.`);
    const path = pathIds(household.regionPath);
    if (!staffOf(context.caller, path))
      throw codedError('FORBIDDEN', 'Only the grid’s own workers and community staff register its residents.');
    const birthYear = resident.birthDate.slice(0, 4);
    const elderly = ageOn(resident.birthDate, context.now()) >= ELDERLY_AGE;
    try {
      return await context.db.$transaction(async (tx) => {
        if (await tx.resident.findUnique({ where: { idNumber: resident.idNumber }, select: { id: true } })) {
          throw codedError('CONFLICT', DUPLICATE_ID_NUMBER, { field: 'idNumber' });
        }
        const [last] = await tx.$queryRaw<{ id: string | null }[]>`SELECT MAX("id") AS "id" FROM "Resident"`;
        const next = Number(last?.id?.slice(2) ?? 0) + 1;
        const occupied = await tx.resident.count({ where: { householdId: household.id } });
        const created = await tx.resident.create({
          data: {
            id: `p-${String(next).padStart(7, '0')}`,
            householdId: household.id,
            gridId: household.gridId,
            regionPath: household.regionPath,
            name: resident.name,
            gender: resident.gender,
            birthDate: resident.birthDate,
            phone: resident.phone,
            idNumber: resident.idNumber,
            livesAlone: resident.livesAlone,
            elderly,
            disability: resident.disability,
            lowIncome: resident.lowIncome,
          },
        });
        await applyStatsChanges(tx, [
          {
            path,
            population: 1,
            households: occupied === 0 ? 1 : 0,
            elderlyLivingAlone: elderly && resident.livesAlone ? 1 : 0,
            birthYear: { year: birthYear, delta: 1 },
          },
        ]);
        return created;
      });
    } catch (error) {
      // Two registrations of one ID number at once: the unique index decides, the loser gets CONFLICT.
      if ((error as { code?: unknown }).code === 'P2002') throw codedError('CONFLICT', DUPLICATE_ID_NUMBER, { field: 'idNumber' });
      throw error;
    }
  }

  @Mutation(() => Resident, { description: 'Changes a resident’s mobile number: the resident themselves, or a grid worker of their grid.' })
  async updateContactDetails(
    @Arg('residentId', () => ID) residentId: string,
    @Arg('phone') phone: string,
    @Ctx() context: Context,
  ): Promise<ResidentRow> {
    const number = validate(phoneSchema, phone, 'phone');
    const resident = await context.db.resident.findUnique({ where: { id: residentId } });
    if (!resident) throw codedError('NOT_FOUND', `There is no resident ${residentId}.`, { field: 'residentId' });
    if (!changesContactDetails(context.caller, resident))
      throw codedError('FORBIDDEN', 'Contact details are changed by the resident or a grid worker of their grid.');
    return context.db.resident.update({ where: { id: resident.id }, data: { phone: number } });
  }

  @Mutation(() => Resident, {
    description:
      'Moves a resident to another household. The caller must be staff (grid worker or community staff) whose jurisdiction covers both the old and the new household: a community’s staff move people within the community, a move between communities needs staff of both (or of a common street or district).',
  })
  async moveHousehold(
    @Arg('residentId', () => ID) residentId: string,
    @Arg('householdId', () => ID, { description: 'The household the resident moves to.' }) householdId: string,
    @Ctx() context: Context,
  ): Promise<ResidentRow> {
    const resident = await context.db.resident.findUnique({ where: { id: residentId } });
    if (!resident) throw codedError('NOT_FOUND', `There is no resident ${residentId}.`, { field: 'residentId' });
    const destination = await context.db.household.findUnique({ where: { id: householdId } });
    if (!destination) throw invalidInput('householdId', `There is no household ${householdId}.`);
    const from = pathIds(resident.regionPath);
    const to = pathIds(destination.regionPath);
    if (!staffOf(context.caller, from) || !staffOf(context.caller, to)) {
      throw codedError('FORBIDDEN', 'A move needs staff whose jurisdiction covers both the old and the new household.');
    }
    if (destination.id === resident.householdId) throw invalidInput('householdId', 'The resident already lives in this household.');
    return context.db.$transaction(async (tx) => {
      const leftBehind = await tx.resident.count({ where: { householdId: resident.householdId, id: { not: resident.id } } });
      const joined = await tx.resident.count({ where: { householdId: destination.id } });
      // The grid and its path travel with the household, so jurisdiction checks and statistics agree.
      const moved = await tx.resident.update({
        where: { id: resident.id },
        data: { householdId: destination.id, gridId: destination.gridId, regionPath: destination.regionPath },
      });
      const year = resident.birthDate.slice(0, 4);
      const elderlyAlone = resident.elderly && resident.livesAlone ? 1 : 0;
      const changes: StatsChange[] = [
        {
          path: from,
          population: -1,
          households: leftBehind === 0 ? -1 : 0,
          elderlyLivingAlone: -elderlyAlone,
          birthYear: { year, delta: -1 },
        },
        { path: to, population: 1, households: joined === 0 ? 1 : 0, elderlyLivingAlone: elderlyAlone, birthYear: { year, delta: 1 } },
      ];
      await applyStatsChanges(tx, changes);
      return moved;
    });
  }
}

/** Whole years from the birth date to the day. */
function ageOn(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const now = { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1, day: today.getUTCDate() };
  return now.year - year - (now.month < month || (now.month === month && now.day < day) ? 1 : 0);
}
