// Tests the grid-file reader: the drawn map becomes the same Grid as generation, and every mistake is reported
// with the file path and what is wrong, since grid files are written by hand.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegionSpec, type ScenarioInput } from '../../../engine/model/schema.js';
import { isUserError } from '../../../engine/model/errors.js';
import { gridFromFileData, loadGridFile } from '../../../engine/state/grid-file.js';
import { INFRA_AIRPORT, INFRA_PORT, INFRA_RAIL, LAND, WATER } from '../../../engine/state/grid.js';
import { scenariosDir } from '../../../engine/model/paths.js';

type RegionInput = ScenarioInput['regions'][number];
const regionsOf = (list: Partial<RegionInput>[]) => list.map((r) => RegionSpec.parse({ populationShare: 1, ...r }));
const twoRegions = regionsOf([{ name: 'west' }, { name: 'east' }]);
const base = {
  width: 8,
  height: 4,
  cellKm: 5,
  legend: { w: 'west', e: 'east' },
  rows: ['www.....', 'www..eee', 'www..eee', '.....eee'],
};

function problemsOf(data: unknown, regions = twoRegions, spec?: { width?: number; height?: number }): string {
  try {
    gridFromFileData(data, 'maps/g.json', regions, spec);
  } catch (err) {
    expect(isUserError(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a user error');
}

describe('grid file: reading', () => {
  it('turns the drawn rows into terrain and regions in the scenario region order', () => {
    const g = gridFromFileData(base, 'g.json', regionsOf([{ name: 'east' }, { name: 'west' }]));
    expect(g.width).toBe(8);
    expect(g.height).toBe(4);
    expect(g.cellKm).toBe(5);
    expect(g.regionNames).toEqual(['east', 'west']);
    expect(g.region[1 * 8 + 5]).toBe(0); // 'e' at x=5, y=1
    expect(g.region[3 * 8 + 0]).toBe(-1);
    expect(g.terrain[3 * 8 + 0]).toBe(WATER);
    expect(g.terrain[2 * 8 + 2]).toBe(LAND);
    expect(g.regionCellStart[1]! - g.regionCellStart[0]!).toBe(9);
    // Centre: the region cell nearest the centroid of its cells.
    expect(g.centreCell[1]).toBe(1 * 8 + 1);
    expect(g.centreCell[0]).toBe(2 * 8 + 6);
  });

  it('uses explicit ports, airports and rail, and derives missing ones from the region flags', () => {
    const regions = regionsOf([{ name: 'west', port: true, airport: true }, { name: 'east', port: true, centre: [7, 3] }]);
    const g = gridFromFileData({ ...base, ports: [[5, 1]], airports: [[0, 0]], rail: [[0, 1], [1, 1]] }, 'g.json', regions);
    expect(g.portCell[1]).toBe(1 * 8 + 5);
    expect(g.centreCell[1]).toBe(3 * 8 + 7);
    expect(g.portCell[0]).toBe(1 * 8 + 2); // derived: west's coast cell nearest its centre [1, 1]
    expect(g.airportCell[0]).toBe(0);
    expect(g.airportCell[1]).toBe(-1);
    expect(g.infra[1 * 8 + 5]! & INFRA_PORT).toBe(INFRA_PORT);
    expect(g.infra[0]! & INFRA_AIRPORT).toBe(INFRA_AIRPORT);
    const railCells = [...g.infra.keys()].filter((c) => g.infra[c]! & INFRA_RAIL);
    expect(railCells).toEqual([8, 9]);
  });

  it('draws rail between rail regions when the file has no rail list', () => {
    const g = gridFromFileData({ ...base, rows: ['wwwweeee', 'wwwweeee', 'wwwweeee', 'wwwweeee'] }, 'g.json', twoRegions);
    const railCells = [...g.infra.keys()].filter((c) => g.infra[c]! & INFRA_RAIL).length;
    expect(railCells).toBeGreaterThanOrEqual(4);
    expect(g.infra[g.centreCell[0]!]! & INFRA_RAIL).toBe(INFRA_RAIL);
  });

  it('reads the shipped example', () => {
    const regions = regionsOf([{ name: 'north' }, { name: 'south' }, { name: 'island' }]);
    const g = loadGridFile(join(scenariosDir(), 'grids', 'example.json'), regions, { width: 24, height: 10 });
    expect(g.regionCount).toBe(3);
    expect(g.portCell[0]).toBe(3 * 24 + 8);
    expect(g.portCell[1]).toBe(-1);
    expect(g.portCell[2]).toBe(4 * 24 + 17);
    expect(g.airportCell[2]).toBe(3 * 24 + 19);
  });
});

describe('grid file: errors name the file and the problem', () => {
  it('reports rows of the wrong size and unknown characters', () => {
    const msg = problemsOf({ ...base, rows: ['www.....', 'www..eee', 'www..ee', '....x.ee'] });
    expect(msg).toMatch(/^maps\/g\.json: invalid grid file/);
    expect(msg).toMatch(/rows\[2\]: expected a string of 8 characters \(width\), got 7 characters/);
    expect(msg).toMatch(/rows\[3\]\[4\]: character 'x' is neither '\.' \(water\) nor in the legend \(w, e\)/);
    expect(problemsOf({ ...base, rows: base.rows.slice(1) })).toMatch(/rows: expected an array of 4 strings \(height\), got 3 rows/);
  });

  it('reports legend names that are not scenario regions, and regions missing from the legend', () => {
    const msg = problemsOf({ ...base, legend: { w: 'west', e: 'eats' } });
    expect(msg).toMatch(/legend\.e: "eats" is not a region of the scenario; regions: west, east/);
    expect(msg).toMatch(/legend: scenario region 'east' \(regions\[1\]\) has no character in the legend/);
    expect(problemsOf({ ...base, legend: { ww: 'west', e: 'east' } })).toMatch(/legend: key 'ww' must be one letter or digit/);
  });

  it('reports bad ports, airports and rail cells', () => {
    expect(problemsOf({ ...base, ports: [[4, 0]] })).toMatch(/ports\[0\]: \[4, 0\] is water/);
    expect(problemsOf({ ...base, ports: [[0, 1]] })).toMatch(/ports\[0\]: \[0, 1\] has no water next to it/); // the grid edge is not sea
    expect(problemsOf({ ...base, rows: ['wwwwwwww', 'wwwwweee', 'wwwwweee', 'wwwwweee'], ports: [[6, 2]] })).toMatch(/ports\[0\]: \[6, 2\] has no water next to it/);
    expect(problemsOf({ ...base, ports: [[2, 0], [2, 2]] })).toMatch(/ports\[1\]: region 'west' already has one at \[2, 0\]/);
    expect(problemsOf({ ...base, airports: [[9, 1]] })).toMatch(/airports\[0\]: \[9, 1\] lies outside the 8 x 4 grid/);
    expect(problemsOf({ ...base, rail: [[1, 'a']] })).toMatch(/rail\[0\]: expected \[x, y\] with integer x and y/);
  });

  it('reports a size that disagrees with the scenario, unknown keys and a centre off its region', () => {
    expect(problemsOf(base, twoRegions, { width: 9, height: 4 })).toMatch(/width: the file is 8 cells wide but the scenario's grid\.width is 9/);
    expect(problemsOf({ ...base, colour: 'blue' })).toMatch(/unknown key 'colour'; allowed keys: width, height/);
    const regions = regionsOf([{ name: 'west', centre: [6, 2] }, { name: 'east' }]);
    expect(problemsOf(base, regions)).toMatch(/regions\[0\]\.centre: \[6, 2\] is not a cell of region 'west'/);
  });

  it('reports a missing file and bad JSON with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glocal-gridfile-'));
    expect(() => loadGridFile(join(dir, 'nope.json'), twoRegions)).toThrow(/grid\.file: cannot read grid file .*nope\.json/);
    writeFileSync(join(dir, 'bad.json'), '{ "width": 8,');
    expect(() => loadGridFile(join(dir, 'bad.json'), twoRegions)).toThrow(/bad\.json: cannot parse the grid file as JSON/);
  });

  it('names a port: true region without coast', () => {
    const regions = regionsOf([{ name: 'west', port: true }, { name: 'east' }]);
    const data = { ...base, rows: ['eeeeeeee', 'eewwweee', 'eewwweee', 'eeeeeeee'] };
    expect(() => gridFromFileData(data, 'maps/g.json', regions)).toThrow(/maps\/g\.json: regions\[0\]\.port: region 'west' has port: true but no coast/);
  });
});
