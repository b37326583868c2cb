import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FROM_ROUND_STRATEGIES, OPEN_STRATEGIES, PRESET_STRATEGIES, closedRounds, defaultValues, estimatedRoomCount, groupingFields,
  offeredStrategies, presentPeople, presetSummary, presetUpdate, roundsBeforeItem, strategyHelp, valuesFromPreset } from '../js/grouping.js';
import { translate } from '../js/i18n.js';

/** @param {Partial<import('../js/grouping.js').GroupingValues>} changes */
const values = changes => ({ ...defaultValues(), ...changes });
const en = (/** @type {string} */ key, /** @type {any} */ vars) => translate('en', key, vars);
const nl = (/** @type {string} */ key, /** @type {any} */ vars) => translate('nl', key, vars);

/** The fields of breakout.open a preset may carry (protocol.md section 7: all but durationSeconds). */
const CONTRACT_FIELDS = new Set(['roomCount', 'groupSize', 'strategy', 'fromRound', 'hosts', 'attendance', 'callUrls',
  'graceSeconds', 'topics', 'assignments']);

/** @param {ReturnType<typeof groupingFields>} result */
function fieldsOf(result) {
  assert.ok('fields' in result, `expected fields, got ${JSON.stringify(result)}`);
  return result.fields;
}

test('a preset of pairs at random is exactly the contract fields, group size only', () => {
  const fields = fieldsOf(groupingFields(values({ by: 'groupSize', groupSize: 2, roomCount: 7 }), 'preset'));
  assert.deepEqual(fields, { groupSize: 2, strategy: 'random', graceSeconds: 60 });
});

test('exactly one of roomCount and groupSize goes out, whichever the moderator chose', () => {
  for (const by of /** @type {const} */ (['roomCount', 'groupSize'])) {
    for (const mode of /** @type {const} */ (['preset', 'open'])) {
      const fields = fieldsOf(groupingFields(values({ by, roomCount: 3, groupSize: 4 }), mode));
      assert.deepEqual(['roomCount', 'groupSize'].filter(f => f in fields), [by]);
      assert.equal(fields[by], by === 'roomCount' ? 3 : 4);
    }
  }
});

test('every field that goes out is a field of breakout.open, never durationSeconds or a type', () => {
  for (const strategy of ['merge', 'random']) {
    const all = values({ strategy, fromRound: 1, topics: ['a', 'b'], separate: true, hosts: ['p1', 'p2'] });
    for (const mode of /** @type {const} */ (['preset', 'open'])) {
      const fields = fieldsOf(groupingFields(all, mode));
      assert.deepEqual(Object.keys(fields).filter(f => !CONTRACT_FIELDS.has(f)), []);
      assert.deepEqual(Object.keys(fields).sort(), strategy === 'merge'
        ? ['fromRound', 'graceSeconds', 'hosts', 'roomCount', 'strategy', 'topics']
        : ['attendance', 'graceSeconds', 'hosts', 'roomCount', 'strategy', 'topics']);
    }
  }
});

test('hosts are keyed by room index as strings; groups without a host are left out', () => {
  const fields = fieldsOf(groupingFields(values({ strategy: 'rotate', hosts: ['', 'p7', '', 'p3'] }), 'open'));
  assert.deepEqual(fields.hosts, { 1: 'p7', 3: 'p3' });
  assert.deepEqual(Object.keys(fields.hosts), ['1', '3']);
  assert.ok(!('hosts' in fieldsOf(groupingFields(values({ hosts: ['', ''] }), 'open'))));
});

test('one person hosting two groups is refused before anything is sent', () => {
  assert.deepEqual(groupingFields(values({ hosts: ['p1', 'p1'] }), 'open'), { error: 'grouping.error.hostTwice' });
});

test('fromRound goes out only for the strategies that build on an earlier round, and only when chosen', () => {
  for (const strategy of PRESET_STRATEGIES) {
    const fields = fieldsOf(groupingFields(values({ strategy, fromRound: 0 }), 'preset'));
    assert.equal('fromRound' in fields, FROM_ROUND_STRATEGIES.includes(strategy), strategy);
    assert.ok(!('fromRound' in fieldsOf(groupingFields(values({ strategy, fromRound: null }), 'preset'))), strategy);
  }
});

test('attendance goes out only when separate (mixed is the default), for the strategies that can keep it', () => {
  assert.ok(!('attendance' in fieldsOf(groupingFields(values({ separate: false }), 'preset'))));
  assert.equal(fieldsOf(groupingFields(values({ separate: true }), 'preset')).attendance, 'separate');
  assert.equal(fieldsOf(groupingFields(values({ separate: true, strategy: 'mixOrganisations' }), 'open')).attendance, 'separate');
  for (const strategy of ['manual', 'selfSelect', 'sameAs', 'merge', 'rotate']) {
    assert.ok(!('attendance' in fieldsOf(groupingFields(values({ separate: true, strategy, assignments: {} }), 'open'))), strategy);
  }
});

test('topics are trimmed; trailing blank lines are dropped, blank groups in between stay', () => {
  assert.deepEqual(fieldsOf(groupingFields(values({ topics: [' Food ', '', 'Water', '', ' '] }), 'preset')).topics,
    ['Food', '', 'Water']);
  assert.ok(!('topics' in fieldsOf(groupingFields(values({ topics: ['', '  '] }), 'preset'))));
  assert.deepEqual(groupingFields(values({ topics: Array(51).fill('x') }), 'preset'), { error: 'grouping.error.topics' });
});

test('out-of-range or broken numbers are refused with a message key', () => {
  const cases = [
    [{ by: 'roomCount', roomCount: 0 }, 'grouping.error.roomCount'],
    [{ by: 'roomCount', roomCount: 51 }, 'grouping.error.roomCount'],
    [{ by: 'roomCount', roomCount: NaN }, 'grouping.error.roomCount'],
    [{ by: 'groupSize', groupSize: 1 }, 'grouping.error.groupSize'],
    [{ by: 'groupSize', groupSize: 2.5 }, 'grouping.error.groupSize'],
    [{ graceSeconds: -1 }, 'grouping.error.grace'],
    [{ graceSeconds: 601 }, 'grouping.error.grace'],
    [{ strategy: 'sameAs', fromRound: -1 }, 'grouping.error.fromRound'],
    [{ strategy: 'nonsense' }, 'grouping.error.strategy'],
  ];
  for (const [changes, error] of cases) {
    assert.deepEqual(groupingFields(values(/** @type {any} */ (changes)), 'open'), { error }, JSON.stringify(changes));
  }
});

test('a preset cannot be manual; the dialog sends the manual assignments', () => {
  assert.deepEqual(groupingFields(values({ strategy: 'manual' }), 'preset'), { error: 'grouping.error.strategy' });
  const fields = fieldsOf(groupingFields(values({ strategy: 'manual', assignments: { p1: 0, p2: 1 } }), 'open'));
  assert.deepEqual(fields.assignments, { p1: 0, p2: 1 });
  assert.ok(!('assignments' in fieldsOf(groupingFields(values({ strategy: 'random', assignments: { p1: 0 } }), 'open'))));
  assert.ok(OPEN_STRATEGIES.includes('manual') && !PRESET_STRATEGIES.includes('manual'));
});

test('a stored preset fills the form and goes out again unchanged', () => {
  const presets = [
    { groupSize: 2, strategy: 'random', graceSeconds: 60 },
    { roomCount: 3, strategy: 'merge', fromRound: 0, graceSeconds: 30, topics: ['A', 'B'] },
    { roomCount: 3, strategy: 'random', graceSeconds: 30, attendance: 'separate' },
    { roomCount: 4, strategy: 'rotate', graceSeconds: 0 },
  ];
  for (const preset of presets) {
    assert.deepEqual(fieldsOf(groupingFields(valuesFromPreset(preset), 'preset')), preset);
  }
  assert.deepEqual(valuesFromPreset(null), defaultValues());
});

test('editing a prepared item keeps the hosts and a manual round\'s assignments the form does not show', () => {
  const presets = [
    { roomCount: 3, strategy: 'rotate', graceSeconds: 60, hosts: { 0: 'p1', 2: 'p3' } },
    { groupSize: 2, strategy: 'random', graceSeconds: 0, hosts: { 1: 'p2' } },
    { roomCount: 2, strategy: 'manual', graceSeconds: 60, assignments: { p1: 0, p2: 1 } },
    { roomCount: 2, strategy: 'manual', graceSeconds: 60, hosts: { 1: 'p9' }, assignments: { p1: 1 } },
  ];
  for (const preset of presets) {
    // The snapshot shows every field of breakout.open, null when absent.
    const shown = { topics: null, fromRound: null, attendance: null, callUrls: null, hosts: null, assignments: null,
      roomCount: null, groupSize: null, ...preset };
    assert.deepEqual(fieldsOf(groupingFields(valuesFromPreset(shown), 'preset')), preset, JSON.stringify(preset));
  }
  const manual = valuesFromPreset({ roomCount: 2, strategy: 'manual', assignments: null });
  assert.deepEqual(fieldsOf(groupingFields(manual, 'preset')).assignments, {});
  assert.ok(offeredStrategies(manual, 'preset').includes('manual'));
  assert.deepEqual(offeredStrategies(valuesFromPreset({ roomCount: 2, strategy: 'random' }), 'preset'), PRESET_STRATEGIES);
});

test('an edit that changes the groups changes the kept hosts and assignments with them', () => {
  const stored = valuesFromPreset({ roomCount: 3, strategy: 'manual', hosts: { 0: 'p1', 2: 'p3' },
    assignments: { p1: 0, p2: 1, p3: 2 } });
  const fewer = fieldsOf(groupingFields({ ...stored, roomCount: 2 }, 'preset'));
  assert.deepEqual(fewer.hosts, { 0: 'p1' }, 'the host of a room taken away goes with it');
  assert.deepEqual(fewer.assignments, { p1: 0, p2: 1 }, 'so does who was assigned to it');
  const random = fieldsOf(groupingFields({ ...stored, strategy: 'random' }, 'preset'));
  assert.ok(!('assignments' in random), 'assignments are for manual only');
  assert.deepEqual(random.hosts, { 0: 'p1', 2: 'p3' });
  const bySize = fieldsOf(groupingFields({ ...stored, strategy: 'rotate', by: 'groupSize', roomCount: 1 }, 'preset'));
  assert.deepEqual(bySize.hosts, { 0: 'p1', 2: 'p3' }, 'rooms from a group size: any index the server takes stays');
  assert.deepEqual(groupingFields({ ...stored, assignments: undefined }, 'preset'), { error: 'grouping.error.strategy' },
    'a manual preset is never made in the form');
});

test('the expected number of groups follows the count, the size, or the earlier round', () => {
  const meeting = { present: 9, lastRoundRooms: 4 };
  assert.equal(estimatedRoomCount(values({ by: 'roomCount', roomCount: 3 }), meeting), 3);
  assert.equal(estimatedRoomCount(values({ by: 'groupSize', groupSize: 2 }), meeting), 4);
  assert.equal(estimatedRoomCount(values({ by: 'groupSize', groupSize: 20 }), meeting), 1);
  assert.equal(estimatedRoomCount(values({ strategy: 'rotate', roomCount: 2 }), meeting), 4);
  assert.equal(estimatedRoomCount(values({ strategy: 'sameAs', roomCount: 2 }), meeting), 4);
  assert.equal(estimatedRoomCount(values({ strategy: 'merge', roomCount: 2 }), meeting), 2);
  assert.equal(estimatedRoomCount(values({ strategy: 'rotate', roomCount: 2 }), { present: 9, lastRoundRooms: 0 }), 2);
});

test('every strategy has a one-line explanation in both languages, naming the round it builds on', () => {
  for (const strategy of OPEN_STRATEGIES) {
    for (const t of [en, nl]) {
      const help = strategyHelp(strategy, 1, t);
      assert.ok(!help.startsWith('strategy.') && !help.includes('\n'), help);
    }
  }
  assert.equal(strategyHelp('sameAs', 1, nl), 'De groepen van ronde 2 opnieuw, met dezelfde mensen.');
  assert.equal(strategyHelp('sameAs', 1, en), 'The groups of round 2 again, with the same people.');
  assert.equal(strategyHelp('merge', null, en), 'Whole groups of the last round joined into bigger groups (1-2-4-All).');
});

test('the agenda list says what is prepared in one line', () => {
  assert.equal(presetSummary({ groupSize: 2, strategy: 'random' }, en), 'prepared: groups of 2, random');
  assert.equal(presetSummary({ roomCount: 1, strategy: 'merge', fromRound: 0 }, en),
    'prepared: 1 group, merge groups (1-2-4-All) of round 1');
  assert.equal(presetSummary({ roomCount: 3, strategy: 'mixOrganisations', attendance: 'separate' }, nl),
    'voorbereid: 3 groepen, organisaties mengen, zaal en online apart');
});

test('agenda.update sends the preset, the way to drop one, or nothing', () => {
  assert.deepEqual(presetUpdate({ roomCount: 2, strategy: 'random' }, false), { breakout: { roomCount: 2, strategy: 'random' } });
  assert.deepEqual(presetUpdate(null, true), { breakout: {} });
  assert.deepEqual(presetUpdate(null, false), {});
});

test('the rounds to build on: closed ones, then the held and prepared ones before an agenda item', () => {
  const items = [{ itemId: 'a', kind: 'breakout', status: 'done' }, { itemId: 'b', kind: 'breakout', status: 'pending' },
    { itemId: 'c', kind: 'plenary', status: 'pending' }, { itemId: 'd', kind: 'breakout', status: 'pending' }];
  const none = { breakouts: { status: 'closed', roundId: null }, agenda: { items } };
  assert.equal(closedRounds(none), 0);
  assert.equal(roundsBeforeItem(none, 'd'), 1);
  const secondOpen = { breakouts: { status: 'open', roundId: 'r2', roundIndex: 1 }, agenda: { items } };
  assert.equal(closedRounds(secondOpen), 1);
  assert.equal(roundsBeforeItem(secondOpen, 'b'), 2);
  assert.equal(roundsBeforeItem(secondOpen, 'd'), 3);
  assert.equal(closedRounds({ breakouts: { status: 'closed', roundId: 'r2', roundIndex: 1 } }), 2);
  assert.equal(closedRounds({ breakouts: { status: 'closed', roundId: 'r1' } }), 1, 'a server without roundIndex');
});

test('present people: non-moderators online, or taking part in the room', () => {
  const people = [{ participantId: 'm', role: 'moderator', online: true }, { participantId: 'a', role: 'participant', online: true },
    { participantId: 'b', role: 'participant', online: false }, { participantId: 'c', role: 'participant', online: false, attendance: 'inRoom' }];
  assert.deepEqual(presentPeople(people).map(p => p.participantId), ['a', 'c']);
});
