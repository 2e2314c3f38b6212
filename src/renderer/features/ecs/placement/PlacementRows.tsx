import { Box, MenuItem, TextField } from '@mui/material';
import { RepeatableRows } from '../../../common/form/RepeatableRows';

export type StrategyType = 'spread' | 'binpack' | 'random';
export type ConstraintType = 'distinctInstance' | 'memberOf';

export interface StrategyRow {
  type: StrategyType;
  field: string;
}
export interface ConstraintRow {
  type: ConstraintType;
  expression: string;
}

const strategyFields: Record<StrategyType, string[]> = {
  spread: ['attribute:ecs.availability-zone', 'instanceId', 'host', 'attribute:ecs.instance-type'],
  binpack: ['memory', 'cpu'],
  random: [],
};

/** The placement part of a RunTask or CreateService request; nothing when no row is given. */
export function placementRequest(strategies: StrategyRow[], constraints: ConstraintRow[]) {
  return {
    ...(strategies.length > 0
      ? {
          placementStrategy: strategies.map((row) =>
            row.type === 'random' ? { type: row.type } : { type: row.type, field: row.field },
          ),
        }
      : {}),
    ...(constraints.length > 0
      ? {
          placementConstraints: constraints.map((row) =>
            row.type === 'distinctInstance'
              ? { type: row.type }
              : { type: row.type, expression: row.expression },
          ),
        }
      : {}),
  };
}

/** Placement strategies (up to 5, in order) and constraints (up to 10) for EC2 tasks. */
export function PlacementRows({
  strategies,
  constraints,
  onStrategies,
  onConstraints,
}: {
  strategies: StrategyRow[];
  constraints: ConstraintRow[];
  onStrategies(next: StrategyRow[]): void;
  onConstraints(next: ConstraintRow[]): void;
}) {
  return (
    <Box>
      <RepeatableRows
        title="Placement strategy (in order; random when none)"
        rows={strategies}
        onChange={onStrategies}
        newRow={(): StrategyRow => ({ type: 'spread', field: 'attribute:ecs.availability-zone' })}
        addLabel="Add strategy"
        rowLabel={(index) => `strategy ${index + 1}`}
        max={5}
      >
        {(row, update) => (
          <>
            <TextField
              select
              size="small"
              label="Strategy"
              value={row.type}
              onChange={(event) => {
                const type = event.target.value as StrategyType;
                update({ type, field: strategyFields[type][0] ?? '' });
              }}
              sx={{ width: 140 }}
            >
              <MenuItem value="spread">spread</MenuItem>
              <MenuItem value="binpack">binpack</MenuItem>
              <MenuItem value="random">random</MenuItem>
            </TextField>
            {row.type !== 'random' && (
              <TextField
                size="small"
                label="Field"
                value={row.field}
                onChange={(event) => update({ ...row, field: event.target.value })}
                helperText={strategyFields[row.type].join(', ')}
                sx={{ flex: 1 }}
              />
            )}
          </>
        )}
      </RepeatableRows>
      <RepeatableRows
        title="Placement constraints"
        rows={constraints}
        onChange={onConstraints}
        newRow={(): ConstraintRow => ({ type: 'memberOf', expression: '' })}
        addLabel="Add constraint"
        rowLabel={(index) => `constraint ${index + 1}`}
        max={10}
      >
        {(row, update) => (
          <>
            <TextField
              select
              size="small"
              label="Constraint"
              value={row.type}
              onChange={(event) => update({ ...row, type: event.target.value as ConstraintType })}
              sx={{ width: 170 }}
            >
              <MenuItem value="distinctInstance">distinctInstance</MenuItem>
              <MenuItem value="memberOf">memberOf</MenuItem>
            </TextField>
            {row.type === 'memberOf' && (
              <TextField
                size="small"
                label="Expression"
                placeholder="attribute:ecs.instance-type =~ m5.*"
                value={row.expression}
                onChange={(event) => update({ ...row, expression: event.target.value })}
                sx={{ flex: 1 }}
              />
            )}
          </>
        )}
      </RepeatableRows>
    </Box>
  );
}
