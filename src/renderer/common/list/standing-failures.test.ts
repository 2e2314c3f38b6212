import { describe, expect, it } from 'vitest';
import { standingFailures } from './standing-failures';
import type { RemovalFailure } from './use-remove-each';

interface Row {
  id: string;
  containers: string[];
}

const key = (row: Row) => row.id;
const attached = (row: Row) => row.containers.join(',');
const failed = (row: Row): RemovalFailure<Row> => ({
  row,
  message: `network ${row.id} has active endpoints`,
  conflict: true,
});

describe('standingFailures', () => {
  const busy = { id: 'n1', containers: ['web'] };
  const other = { id: 'n2', containers: ['db'] };

  it('keeps a failure while its cause is unchanged', () => {
    const failures = [failed(busy)];
    expect(standingFailures(failures, [{ ...busy }, other], key, attached)).toEqual(failures);
  });

  it('drops a failure once the containers that caused it are disconnected', () => {
    const failures = [failed(busy), failed(other)];
    expect(
      standingFailures(failures, [{ id: 'n1', containers: [] }, other], key, attached),
    ).toEqual([failed(other)]);
  });

  it('drops a failure whose row is gone', () => {
    expect(standingFailures([failed(busy)], [other], key, attached)).toEqual([]);
  });
});
