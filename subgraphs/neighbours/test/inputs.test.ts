import { describe, expect, it } from '@jest/globals';
import { validate } from '@liangling/kit';
import { NeighbourServiceCategory } from '../src/enums';
import { createNeighbourServiceSchema, nearSchema, priceSchema, updateNeighbourServiceSchema } from '../src/neighbour-service.inputs';
import { signUpAsVolunteerSchema } from '../src/volunteer.inputs';

/** Expects `run` to refuse with BAD_USER_INPUT naming `field` (and saying `message`, when given). */
const refuses = (run: () => unknown, field: string, message?: string) =>
  expect(run).toThrow(
    expect.objectContaining({ ...(message ? { message } : {}), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }),
  );

const service = {
  providerId: 'org-canteen-r-210103-1-1',
  category: NeighbourServiceCategory.MEALS,
  name: ' 周末包饺子 ',
  hours: '09:00-12:00,16:00-18:00',
  areaRegionIds: ['r-1', 'r-1', 'r-2'],
};

describe('a service', () => {
  it('is trimmed, its hours written ", "-separated and its areas each named once', () => {
    expect(validate(createNeighbourServiceSchema, service)).toEqual({
      ...service,
      name: '周末包饺子',
      hours: '09:00-12:00, 16:00-18:00',
      areaRegionIds: ['r-1', 'r-2'],
    });
  });

  it('names the field that is wrong: name, hours, areaRegionIds', () => {
    refuses(() => validate(createNeighbourServiceSchema, { ...service, name: ' ' }), 'name');
    for (const hours of ['20:00-08:00', 'all day', '08:00-09:00, 10:00-11:00, 12:00-13:00, 14:00-15:00, 16:00-17:00']) {
      refuses(() => validate(createNeighbourServiceSchema, { ...service, hours }), 'hours');
    }
    refuses(
      () => validate(createNeighbourServiceSchema, { ...service, areaRegionIds: [] }),
      'areaRegionIds',
      'areaRegionIds must name 1 to 20 regions.',
    );
    refuses(
      () => validate(createNeighbourServiceSchema, { ...service, areaRegionIds: Array.from({ length: 21 }, (_, n) => `r-${n}`) }),
      'areaRegionIds',
    );
  });

  it('changes only what is given, and refuses a null category', () => {
    expect(validate(updateNeighbourServiceSchema, { name: null, hours: ' 10:00-14:00 ' })).toEqual({ name: null, hours: '10:00-14:00' });
    refuses(() => validate(updateNeighbourServiceSchema, { category: null }), 'category');
  });
});

describe('a price', () => {
  it('is on request with neither half, or a whole number of fen with its unit', () => {
    expect(validate(priceSchema, { priceCents: null, priceUnit: null })).toEqual({ priceCents: null, priceUnit: null });
    expect(validate(priceSchema, { priceCents: 0, priceUnit: ' 份 ' })).toEqual({ priceCents: 0, priceUnit: '份' });
  });

  it('names the half that is wrong', () => {
    refuses(() => validate(priceSchema, { priceCents: null, priceUnit: '次' }), 'priceUnit');
    refuses(() => validate(priceSchema, { priceCents: 1500, priceUnit: null }), 'priceUnit');
    refuses(() => validate(priceSchema, { priceCents: 1500, priceUnit: 'x'.repeat(11) }), 'priceUnit');
    for (const priceCents of [-1, 1.5, 10_000_001]) refuses(() => validate(priceSchema, { priceCents, priceUnit: '次' }), 'priceCents');
  });
});

describe('a place and a volunteer', () => {
  it('needs exactly one of a building or a region, naming near', () => {
    expect(validate(nearSchema, { buildingId: 'b-000001' }, 'near')).toEqual({ buildingId: 'b-000001' });
    for (const near of [{}, { buildingId: 'b-000001', regionId: 'r-1' }]) {
      refuses(() => validate(nearSchema, near, 'near'), 'near', 'near must give exactly one of buildingId or regionId.');
    }
  });

  it('signs up with 1 to 10 skills, each named once, naming skills', () => {
    expect(validate(signUpAsVolunteerSchema, { skills: [' 陪护 ', '陪护', '理发'], availability: ' 周末上午 ' })).toEqual({
      skills: ['陪护', '理发'],
      availability: '周末上午',
    });
    for (const skills of [[], [' '], ['x'.repeat(21)], Array.from({ length: 11 }, (_, n) => `技能${n}`)]) {
      refuses(() => validate(signUpAsVolunteerSchema, { skills, availability: '周末' }), 'skills');
    }
    refuses(() => validate(signUpAsVolunteerSchema, { skills: ['陪护'], availability: 'x'.repeat(101) }), 'availability');
  });
});
