import { codedError, type Caller } from '@liangling/schema';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { Resident as ResidentRow } from './generated/prisma/client';
import type { Context } from './context';
import { Gender, Resident } from './resident';
import { applyStatsChanges, type StatsChange } from './stats';
import { checkNewResident, checkPhone, type Checked } from './validation';
import { pathIds } from '@liangling/kit';

@InputType({ description: 'A new resident of an existing household.' })
export class RegisterResidentInput {
  @Field(() => ID)
  householdId!: string;

  @Field()
  name!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field({ description: 'YYYY-MM-DD; must be the date the ID number encodes.' })
  birthDate!: string;

  @Field({ description: 'Mainland mobile number.' })
  phone!: string;

  @Field({ description: '18-character 居民身份证号 with a valid GB 11643 check character.' })
  idNumber!: string;

  @Field(() => Boolean, { defaultValue: false })
  livesAlone!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  disability!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  lowIncome!: boolean;
}

/** Age at which the `elderly` care flag is set at registration. */
const ELDERLY_AGE = 60;

/** True for a grid worker or community staff member whose regions include one of the path's. */
function staffOf(caller: Caller, path: readonly string[]): boolean {
  return (caller.role === 'grid_worker' || caller.role === 'community_staff') && path.some((id) => caller.regions.includes(id));
}

function invalid(checked: Extract<Checked<unknown>, { ok: false }>): Error {
  return codedError('BAD_USER_INPUT', checked.message, { field: checked.field });
}

@Resolver(() => Resident)
export class ResidentMutationResolver {
  @Mutation(() => Resident, {
    description: 'Registers a resident in a household: grid workers and community staff of the household’s grid. Validated before anything is written.',
  })
  async registerResident(@Arg('input', () => RegisterResidentInput) input: RegisterResidentInput, @Ctx() context: Context): Promise<ResidentRow> {
    const household = await context.db.household.findUnique({ where: { id: input.householdId } });
    if (!household) throw codedError('BAD_USER_INPUT', `There is no household ${input.householdId}.`, { field: 'householdId' });
    const path = pathIds(household.regionPath);
    if (!staffOf(context.caller, path)) throw codedError('FORBIDDEN', 'Only the grid’s own workers and community staff register its residents.');
    const checked = checkNewResident(input, context.now());
    if (!checked.ok) throw invalid(checked);
    const resident = checked.value;
    const birthYear = resident.birthDate.slice(0, 4);
    const elderly = ageOn(resident.birthDate, context.now()) >= ELDERLY_AGE;
    try {
      return await context.db.$transaction(async (tx) => {
        if (await tx.resident.findUnique({ where: { idNumber: resident.idNumber }, select: { id: true } })) {
          throw codedError('CONFLICT', 'A resident with this ID number is already registered.', { field: 'idNumber' });
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
            livesAlone: input.livesAlone,
            elderly,
            disability: input.disability,
            lowIncome: input.lowIncome,
          },
        });
        await applyStatsChanges(tx, [
          { path, population: 1, households: occupied === 0 ? 1 : 0, elderlyLivingAlone: elderly && input.livesAlone ? 1 : 0, birthYear: { year: birthYear, delta: 1 } },
        ]);
        return created;
      });
    } catch (error) {
      // Two registrations of one ID number at once: the unique index decides, the loser gets CONFLICT.
      if ((error as { code?: unknown }).code === 'P2002') throw codedError('CONFLICT', 'A resident with this ID number is already registered.', { field: 'idNumber' });
      throw error;
    }
  }

  @Mutation(() => Resident, { description: 'Changes a resident’s mobile number: the resident themselves, or a grid worker of their grid.' })
  async updateContactDetails(
    @Arg('residentId', () => ID) residentId: string,
    @Arg('phone') phone: string,
    @Ctx() context: Context,
  ): Promise<ResidentRow> {
    const resident = await context.db.resident.findUnique({ where: { id: residentId } });
    if (!resident) throw codedError('NOT_FOUND', `There is no resident ${residentId}.`, { field: 'residentId' });
    const { caller } = context;
    const self = caller.role === 'resident' && caller.sub === resident.id;
    const gridWorker = caller.role === 'grid_worker' && caller.regions.includes(resident.gridId);
    if (!self && !gridWorker) throw codedError('FORBIDDEN', 'Contact details are changed by the resident or a grid worker of their grid.');
    const checked = checkPhone(phone);
    if (!checked.ok) throw invalid(checked);
    return context.db.resident.update({ where: { id: resident.id }, data: { phone: checked.value } });
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
    if (!destination) throw codedError('BAD_USER_INPUT', `There is no household ${householdId}.`, { field: 'householdId' });
    const from = pathIds(resident.regionPath);
    const to = pathIds(destination.regionPath);
    if (!staffOf(context.caller, from) || !staffOf(context.caller, to)) {
      throw codedError('FORBIDDEN', 'A move needs staff whose jurisdiction covers both the old and the new household.');
    }
    if (destination.id === resident.householdId) throw codedError('BAD_USER_INPUT', 'The resident already lives in this household.', { field: 'householdId' });
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
        { path: from, population: -1, households: leftBehind === 0 ? -1 : 0, elderlyLivingAlone: -elderlyAlone, birthYear: { year, delta: -1 } },
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
