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

  it('keeps a failure while something still uses the row, even if the row it was asked for predates it', () => {
    const before = { id: 'n1', containers: [] };
    const failures = [failed(before)];
    expect(standingFailures(failures, [{ id: 'n1', containers: ['db'] }], key, attached)).toEqual(
      failures,
    );
  });

  it('keeps a failure that is not about use until its row is gone', () => {
    const failures = [{ ...failed(busy), conflict: false }];
    expect(standingFailures(failures, [{ id: 'n1', containers: [] }], key, attached)).toEqual(
      failures,
    );
  });

  it('drops a failure whose row is gone', () => {
    expect(standingFailures([failed(busy)], [other], key, attached)).toEqual([]);
  });
});
