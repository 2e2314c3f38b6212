import type { EcsState } from './state';

/**
 * Each record's JSON, made once: records are replaced, never changed, so a record that is
 * still in the state at the next snapshot is written from here instead of being serialised
 * again. A snapshot then costs serialising what changed since the last one, plus copying.
 */
const recordJson = new WeakMap<object, string>();

type Member =
  | { key: string; json: string }
  | { key: string; keys: string[]; records: unknown[] }
  | { key: string; members: Member[] };

/**
 * The state as JSON in pieces that join to what `JSON.stringify(state)` answers, for the
 * store's snapshots. The maps' entries are taken now: the state's maps are changed in place
 * later, its records never are, so the pieces describe this moment however late they are read.
 */
export function ecsSnapshotPieces(state: EcsState): Iterable<string> {
  return piecesOf(membersOf(state as unknown as Record<string, unknown>, 'collections'));
}

/**
 * The members of `source`: maps of records as their entries, and the member named `nested`
 * (a map of such maps, changed in place too) one level further down.
 */
function membersOf(source: Record<string, unknown>, nested?: string): Member[] {
  const members: Member[] = [];
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    if (key === nested && typeof value === 'object' && value !== null) {
      members.push({ key, members: membersOf(value as Record<string, unknown>) });
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      members.push({ key, keys: Object.keys(value), records: Object.values(value) });
    } else {
      members.push({ key, json: JSON.stringify(value) });
    }
  }
  return members;
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
    if ('members' in member) {
      yield* piecesOf(member.members);
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
