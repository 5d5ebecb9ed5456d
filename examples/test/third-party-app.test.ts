import { describe, expect, it } from '@jest/globals';
import { useTestStack } from '@liangling/stack/src/jest';
import { areaKm2, main } from '../third-party-app/drill-down';

const stack = useTestStack();

describe('examples/third-party-app', () => {
  it('drills down from a district to a grid, anonymously, along the path it is given', async () => {
    const lines: string[] = [];
    const visited = await main({ url: stack().url, path: ['沈河区'], print: (line) => lines.push(line) });
    expect(visited.map((region) => region.level)).toEqual(['DISTRICT', 'STREET', 'COMMUNITY', 'GRID']);
    expect(visited[0]?.name).toBe('沈河区');
    expect(lines[0]).toMatch(/^districts: .*沈河区/);
    for (const [parent, child] of visited.slice(0, -1).map((region, index) => [region, visited[index + 1]] as const)) {
      expect(parent.children.map((each) => each.id)).toContain(child?.id);
      expect(areaKm2(parent.polygon.coordinates)).toBeGreaterThanOrEqual(areaKm2(child?.polygon.coordinates ?? []));
    }
  });

  it('measures a polygon: a 0.01° square near Shenyang is about 0.92 km²', () => {
    const square = [
      [
        [123.43, 41.8],
        [123.44, 41.8],
        [123.44, 41.81],
        [123.43, 41.81],
        [123.43, 41.8],
      ],
    ];
    expect(areaKm2(square)).toBeCloseTo(0.925, 2);
  });
});
