import type { EcsState } from './state';

/**
 * Each record's JSON, made once: records are replaced, never changed, so a record that is
 * still in the state at the next snapshot is written from here instead of being serialised
 * again. A snapshot then costs serialising what changed since the last one, plus copying.
 */
const recordJson = new WeakMap<object, string>();

type Member = { key: string; json: string } | { key: string; keys: string[]; records: unknown[] };

/**
 * The state as JSON in pieces that join to what `JSON.stringify(state)` answers, for the
 * store's snapshots. The maps' entries are taken now: the state's maps are changed in place
 * later, its records never are, so the pieces describe this moment however late they are read.
 */
export function ecsSnapshotPieces(state: EcsState): Iterable<string> {
  const members: Member[] = [];
  const source = state as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      members.push({ key, keys: Object.keys(value), records: Object.values(value) });
    } else {
      members.push({ key, json: JSON.stringify(value) });
    }
  }
  return piecesOf(members);
}

function* piecesOf(members: readonly Member[]): Generator<string> {
  yield '{';
  let firstMember = true;
  for (const member of members) {
    yield `${firstMember ? '' : ','}${JSON.stringify(member.key)}:`;
    firstMember = false;
    if ('json' in member) {
      yield member.json;
      continue;
    }
    yield '{';
    let firstEntry = true;
    for (let index = 0; index < member.keys.length; index++) {
      const record = member.records[index];
      if (record === undefined) continue;
      // The key and the record apart, so the record's cached JSON is never copied into another.
      yield `${firstEntry ? '' : ','}${JSON.stringify(member.keys[index])}:`;
      yield encodeRecord(record);
      firstEntry = false;
    }
    yield '}';
  }
  yield '}';
}

function encodeRecord(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let json = recordJson.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    recordJson.set(value, json);
  }
  return json;
}
