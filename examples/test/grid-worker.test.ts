import { describe, expect, it } from '@jest/globals';
import { useTestStack } from '@liangling/stack/src/jest';
import { main } from '../grid-worker';

const GRID = 'r-210103-1-1-1';

const stack = useTestStack();

describe('examples/grid-worker.ts', () => {
  it('prints the grid’s residents, names unmasked and ID numbers masked', async () => {
    const token = await stack().token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    const lines: string[] = [];
    const count = await main({ url: stack().url, token, regionId: GRID, print: (line) => lines.push(line) });
    const output = lines.join('\n');

    expect(count).toBeGreaterThan(0);
    expect(lines[0]).toBe(`${count} residents in ${GRID}`);
    expect(output).toContain('idNumber (SENSITIVE)');
    const rows = lines.filter((line) => line.startsWith('p-'));
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      const [id, name, phone, idNumber] = row.split(/\s{2,}/);
      expect(id).toMatch(/^p-\d{7}$/);
      expect(name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(idNumber).toMatch(/^\d{4}\*{14}$/);
    }
  });
});
