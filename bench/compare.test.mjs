import assert from 'node:assert/strict';
import { test } from 'node:test';

import { canonicalValue, compareResults, parseCsv } from './compare.mjs';

test('parseCsv handles quotes, embedded commas and newlines', () => {
  assert.deepEqual(parseCsv('a,b\n"x, ""y""","line1\nline2"\n,3\n'), [
    ['a', 'b'],
    ['x, "y"', 'line1\nline2'],
    ['', '3'],
  ]);
  assert.deepEqual(parseCsv('Count\r\n5'), [['Count'], ['5']]);
  assert.deepEqual(parseCsv(''), []);
});

test('canonicalValue unifies datetimes, numbers and nulls', () => {
  assert.equal(canonicalValue('2024-03-01 05:00:00'), '2024-03-01T05:00:00.0000000Z');
  assert.equal(canonicalValue('2024-03-01T05:00:00Z'), '2024-03-01T05:00:00.0000000Z');
  assert.equal(canonicalValue('2024-03-01T05:00:00.4670000Z'), canonicalValue('2024-03-01 05:00:00.467'));
  assert.equal(canonicalValue('1.0'), '1');
  assert.equal(canonicalValue(42n), '42');
  assert.equal(canonicalValue('12345678901234567890'), '12345678901234567890');
  assert.equal(canonicalValue(null), '');
  assert.equal(canonicalValue('True'), 'true');
  assert.equal(canonicalValue('0x3e7'), '0x3e7');
});

test('compareResults ignores row order and matches columns by name', () => {
  const duck = { columns: ['EventID', 'count_'], rows: [['4624', '10'], ['4625', '3']] };
  const hb = { columns: ['EventID', 'count_'], rows: [['4625', '3'], ['4624', '10']] };
  assert.deepEqual(compareResults(hb, duck), { ok: true, detail: '2 rows' });
  const reordered = { columns: ['count_', 'EventID'], rows: [['3', '4625'], ['10', '4624']] };
  assert.equal(compareResults(reordered, duck).ok, true);
});

test('compareResults reports differences', () => {
  const duck = { columns: ['EventID', 'count_'], rows: [['4624', '10'], ['4625', '3']] };
  const fewer = { columns: ['EventID', 'count_'], rows: [['4624', '10']] };
  assert.equal(compareResults(fewer, duck).detail, 'row count 1 vs 2');
  const wrong = { columns: ['EventID', 'count_'], rows: [['4624', '11'], ['4625', '3']] };
  const result = compareResults(wrong, duck);
  assert.equal(result.ok, false);
  assert.match(result.detail, /1 of 2 rows differ; first at sorted row 0, count_: "11" vs "10"/);
  const renamed = { columns: ['Id', 'N', 'Extra'], rows: [] };
  assert.match(compareResults(renamed, duck).detail, /^columns differ/);
});

test('compareResults applies a relative tolerance to named columns', () => {
  const duck = { columns: ['Computer', 'dcount_Account'], rows: [['a', '1000'], ['b', '5']] };
  const close = { columns: ['Computer', 'dcount_Account'], rows: [['a', '1012'], ['b', '5']] };
  const far = { columns: ['Computer', 'dcount_Account'], rows: [['a', '1100'], ['b', '5']] };
  const options = { tolerance: { dcount_Account: 0.03 } };
  assert.equal(compareResults(close, duck, options).ok, true);
  assert.equal(compareResults(far, duck, options).ok, false);
});

test('compareResults can restrict the compared columns', () => {
  const duck = { columns: ['Computer', 'EventData'], rows: [['a', '{"x":1}']] };
  const hb = { columns: ['Computer', 'EventData'], rows: [['a', '{"x": 1}']] };
  assert.equal(compareResults(hb, duck).ok, false);
  assert.equal(compareResults(hb, duck, { columns: ['Computer'] }).ok, true);
});
