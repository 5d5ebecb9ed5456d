import { bulkLoad, type City, insertRows, joinPath, Random } from '@liangling/kit';
import type { Db } from './context';
import { addDays } from './clocks';
import { PetitionChannel, PetitionStatus } from './enums';

const PETITIONS_PER_DISTRICT = 6;
const OPINIONS_PER_DISTRICT = 5;

const GRIEVANCES: readonly { target: string; subject: string; content: string }[] = [
  { target: 'CITY_MANAGEMENT', subject: '小区门口占道经营', content: '小区门口早市占道经营，垃圾无人清理，出行困难，多次反映未解决。' },
  { target: 'CITY_MANAGEMENT', subject: '路灯长期不亮', content: '楼前路灯已坏两个月，夜间老人出行不便，请尽快维修。' },
  { target: 'ENFORCEMENT', subject: '楼顶违建', content: '同单元顶楼住户在楼顶搭建彩钢房，存在安全隐患，请依法处理。' },
  { target: 'ENFORCEMENT', subject: '夜间施工噪音', content: '附近工地夜间十一点后仍在施工，噪音严重影响休息。' },
  { target: 'CIVIL_AFFAIRS', subject: '低保审核进度', content: '今年三月提交低保申请，至今没有审核结果，请告知进度。' },
  { target: 'HOUSING', subject: '老旧小区改造', content: '小区改造工程停工半年，楼道墙皮脱落，希望尽快复工。' },
];
const NOT_ACCEPTED_REASON = '该事项已进入诉讼程序，依法不予受理。';
const REPLIES = ['经核查，已责成相关单位于十日内整改完毕，并将持续跟踪。', '已安排专人处理，问题已解决，感谢您的监督。'];

const SUGGESTIONS: readonly { topic: string; content: string }[] = [
  { topic: '增设电动车充电桩', content: '建议在小区内增设电动车集中充电桩，避免楼道充电的火灾隐患。' },
  { topic: '老年食堂', content: '社区老人多，建议开设老年助餐点，提供低价午餐。' },
  { topic: '加装电梯', content: '多层老楼希望统一加装电梯，方便老人上下楼。' },
  { topic: '垃圾分类点位调整', content: '垃圾分类投放点离楼太近，夏天气味大，建议挪到空地。' },
  { topic: '儿童游乐设施', content: '小区缺少儿童游乐设施，建议利用闲置空地修建。' },
];

/** Where the seeded petitions stand, weighted towards work in progress. */
const STATUSES = [
  PetitionStatus.RECEIVED,
  PetitionStatus.ACCEPTED,
  PetitionStatus.NOT_ACCEPTED,
  PetitionStatus.HANDLING,
  PetitionStatus.HANDLING,
  PetitionStatus.REPLIED,
  PetitionStatus.REVIEW_REQUESTED,
  PetitionStatus.CLOSED,
];
const CHANNELS = [
  PetitionChannel.VISIT,
  PetitionChannel.LETTER,
  PetitionChannel.ONLINE,
  PetitionChannel.ONLINE,
  PetitionChannel.HOTLINE_12345,
];

/** A handful of petitions and opinions per district, with dates that agree with each status. */
export async function seedPetitions(db: Db, city: City): Promise<void> {
  const random = new Random(4005);
  const epoch = Date.parse('2025-09-01T00:00:00Z');
  const petitions: Record<string, unknown>[] = [];
  const opinions: Record<string, unknown>[] = [];
  const supports: Record<string, unknown>[] = [];
  for (const district of city.regions.filter((region) => region.level === 'DISTRICT')) {
    const people = city.residents.filter((resident) => resident.regionPath[1] === district.id);
    if (people.length === 0) continue;
    for (let i = 0; i < PETITIONS_PER_DISTRICT; i += 1) {
      const petitioner = random.pick(people);
      const grievance = random.pick(GRIEVANCES);
      const status = random.pick(STATUSES);
      const receivedAt = new Date(epoch + random.int(0, 80 * 86_400) * 1000);
      const decided = status !== PetitionStatus.RECEIVED ? addDays(receivedAt, random.int(1, 14)) : null;
      const replied =
        [PetitionStatus.REPLIED, PetitionStatus.REVIEW_REQUESTED, PetitionStatus.CLOSED].includes(status) && decided
          ? addDays(decided, random.int(10, 55))
          : null;
      petitions.push({
        id: `pt-seed-${district.id.slice(2)}-${i + 1}`,
        clientKey: `seed-${i + 1}`,
        channel: random.pick(CHANNELS),
        subject: grievance.subject,
        content: grievance.content,
        petitionerId: petitioner.id,
        regionPath: joinPath(petitioner.regionPath),
        targetDepartment: grievance.target,
        status,
        receivedAt,
        decidedAt: decided,
        decisionReason: status === PetitionStatus.NOT_ACCEPTED ? NOT_ACCEPTED_REASON : null,
        handlingAt: decided && status !== PetitionStatus.ACCEPTED && status !== PetitionStatus.NOT_ACCEPTED ? addDays(decided, 1) : null,
        reply: replied ? random.pick(REPLIES) : null,
        repliedBy: replied ? grievance.target : null,
        repliedAt: replied,
        reviewRequestedAt: status === PetitionStatus.REVIEW_REQUESTED && replied ? addDays(replied, random.int(1, 20)) : null,
        reviewCount: status === PetitionStatus.REVIEW_REQUESTED ? 1 : 0,
        closedAt: status === PetitionStatus.CLOSED && replied ? addDays(replied, random.int(1, 20)) : null,
        satisfaction: status === PetitionStatus.CLOSED ? random.int(2, 5) : null,
      });
    }
    for (let i = 0; i < OPINIONS_PER_DISTRICT; i += 1) {
      const author = random.pick(people);
      const suggestion = SUGGESTIONS[i % SUGGESTIONS.length]!;
      // About their community or their grid: the last or the one-before-last region of their home.
      const depth = random.chance(0.5) ? author.regionPath.length : author.regionPath.length - 1;
      const id = `op-seed-${district.id.slice(2)}-${i + 1}`;
      const createdAt = new Date(epoch + random.int(0, 80 * 86_400) * 1000);
      const supporters = new Set<string>();
      const wanted = random.int(0, 12);
      for (let s = 0; s < wanted * 2 && supporters.size < wanted; s += 1) {
        const neighbour = random.pick(people);
        if (neighbour.id !== author.id) supporters.add(neighbour.id);
      }
      for (const residentId of supporters) supports.push({ opinionId: id, residentId, createdAt: addDays(createdAt, random.int(0, 10)) });
      const replied = random.chance(0.4);
      opinions.push({
        id,
        topic: suggestion.topic,
        content: suggestion.content,
        regionId: author.regionPath[depth - 1],
        regionPath: `/${author.regionPath.slice(0, depth).join('/')}/`,
        authorId: author.id,
        supportCount: supporters.size,
        reply: replied ? '感谢您的建议，社区已纳入年度民生实事计划，将适时公示进展。' : null,
        repliedBy: replied ? 'COMMUNITY' : null,
        repliedAt: replied ? addDays(createdAt, random.int(3, 20)) : null,
        createdAt,
      });
    }
  }
  petitions.push(...demoSurge(city, Date.now()));
  await bulkLoad(db, async (tx) => {
    await insertRows(tx, 'Petition', petitions);
    await insertRows(tx, 'Opinion', opinions);
    await insertRows(tx, 'OpinionSupport', supports);
  });
}

/** Hours before seeding of the demo surge's petitions: six inside the early-warning rule's 72 h. */
const SURGE_HOURS_AGO = [60, 44, 30, 20, 7, 3] as const;
const SURGE = {
  target: 'CITY_MANAGEMENT',
  subject: '小区供暖温度不达标',
  content: '入冬以来室内温度一直不到18度，多次打电话给供热公司没有结果。',
} as const;

/**
 * What the demo shows when `npm start` runs the early-warning engine once: in the last days, six
 * residents of one street petitioned about the same thing (PETITION_SURGE). The street is the first
 * of the second district, away from the first district's street that the tests' petitioners live in;
 * times are relative to the seeding (a seed knows no clock but the system's), the content fixed.
 */
export function demoSurge(city: City, seededAt: number): Record<string, unknown>[] {
  const [, district] = city.regions.filter((region) => region.level === 'DISTRICT');
  const street = city.regions.find((region) => region.level === 'STREET' && region.parentId === district?.id);
  if (!street) return [];
  const people = city.residents.filter((resident) => resident.regionPath[2] === street.id).slice(0, SURGE_HOURS_AGO.length);
  return people.map((petitioner, n) => ({
    id: `pt-demo-${n + 1}`,
    clientKey: `demo-${n + 1}`,
    channel: n % 2 === 0 ? PetitionChannel.ONLINE : PetitionChannel.HOTLINE_12345,
    subject: SURGE.subject,
    content: SURGE.content,
    petitionerId: petitioner.id,
    regionPath: joinPath(petitioner.regionPath),
    targetDepartment: SURGE.target,
    status: PetitionStatus.RECEIVED,
    receivedAt: new Date(seededAt - SURGE_HOURS_AGO[n]! * 3_600_000),
    // Every column the other seeded rows name: insertRows takes its columns from the first row.
    decidedAt: null,
    decisionReason: null,
    handlingAt: null,
    reply: null,
    repliedBy: null,
    repliedAt: null,
    reviewRequestedAt: null,
    reviewCount: 0,
    closedAt: null,
    satisfaction: null,
  }));
}

export async function isPetitionsEmpty(db: Db): Promise<boolean> {
  return (await db.petition.count()) === 0 && (await db.opinion.count()) === 0;
}
