import { Random, insertRows, type City } from '@liangling/kit';
import type { Db } from './context';
import { RepairCategory, RequestStatus } from './repair-request';

const FAULTS: Readonly<Record<RepairCategory, readonly string[]>> = {
  WATER: ['厨房水管漏水', '卫生间下水道堵塞', '自来水水压低'],
  POWER: ['楼道灯不亮', '家中跳闸无法合闸', '电表箱冒烟'],
  GAS: ['燃气表不走字', '闻到燃气味'],
  HEATING: ['暖气不热', '暖气片漏水', '供暖管道异响'],
  PROPERTY: ['单元门禁损坏', '电梯停运'],
  SANITATION: ['垃圾清运不及时'],
  ROAD: ['小区路面塌陷'],
  OTHER: ['楼顶防水层破损'],
};
const CATEGORIES = Object.keys(FAULTS) as RepairCategory[];
const STATUSES = [RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.DISPATCHED, RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED, RequestStatus.CLOSED];

/** About one resident in five has reported a fault in the last months. */
export async function seedRequests(db: Db, city: City): Promise<void> {
  const random = new Random(4003);
  const epoch = Date.parse('2025-10-01T00:00:00Z');
  const rows = city.residents
    .filter(() => random.chance(0.2))
    .map((resident, n) => {
      const category = random.pick(CATEGORIES);
      return {
        id: `rr-seed-${String(n + 1).padStart(7, '0')}`,
        clientKey: `seed-${n + 1}`,
        category,
        description: random.pick(FAULTS[category]),
        status: random.pick(STATUSES),
        submittedById: resident.id,
        regionPath: `/${resident.regionPath.join('/')}/`,
        contactPhone: resident.phone,
        createdAt: new Date(epoch + random.int(0, 60 * 86_400) * 1000),
      };
    });
  await db.$transaction(async (tx) => insertRows(tx, 'RepairRequest', rows), { timeout: 600_000 });
}

export async function isRequestsEmpty(db: Db): Promise<boolean> {
  return (await db.repairRequest.count()) === 0;
}
