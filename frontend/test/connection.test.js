import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeetingConnection, backoffDelay, socketUrl, followedUrl } from '../js/connection.js';

/** A WebSocket stand-in that records what was sent and lets the test play the server. */
class FakeSocket {
  /** @type {FakeSocket[]} */ static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close(code = 1000) { this.serverClose(code); }
  // --- server side
  open() { this.readyState = 1; this.onopen?.(); }
  push(message) { this.onmessage?.({ data: JSON.stringify(message) }); }
  serverClose(code, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }
}

function harness() {
  FakeSocket.all = [];
  const timers = [];
  const log = { statuses: [], welcomes: [], events: [], fatal: [] };
  let now = 1_000;
  const connection = new MeetingConnection({
    url: 'ws://kring.test/ws/meetings/m1',
    token: 'tok',
    WebSocketImpl: FakeSocket,
    setTimeout: (fn, ms) => { timers.push({ fn, ms, done: false }); return timers.length - 1; },
    clearTimeout: id => { if (timers[id]) timers[id].done = true; },
    random: () => 0.5,
    now: () => now,
    handlers: {
      onStatus: s => log.statuses.push(s),
      onWelcome: (m, clock) => log.welcomes.push({ m, clock }),
      onEvent: m => log.events.push(m),
      onFatal: (reason, code) => log.fatal.push({ reason, code }),
    },
  });
  /** Runs the reconnect timer (the last pending timer). */
  const fireReconnect = () => {
    const timer = [...timers].reverse().find(x => !x.done);
    timer.done = true;
    timer.fn();
    return timer.ms;
  };
  return { connection, log, timers, fireReconnect, advance: ms => { now += ms; }, socket: () => FakeSocket.all.at(-1) };
}

const welcomeMessage = { type: 'welcome', seq: 3, serverTime: 99_000, state: { meeting: {} } };

test('says hello with the token first, then reports the welcome with its timing', () => {
  const { connection, log, socket, advance } = harness();
  connection.connect();
  socket().open();
  assert.deepEqual(socket().sent, [{ type: 'hello', token: 'tok' }]);
  advance(40);
  socket().push(welcomeMessage);
  assert.equal(connection.status, 'open');
  assert.deepEqual(log.welcomes[0].clock, { receivedAt: 1_040, sentAt: 1_000 });
});

test('a command resolves with its ack and rejects with its error', async () => {
  const { connection, socket } = harness();
  connection.connect();
  socket().open();
  socket().push(welcomeMessage);

  const raised = connection.send({ type: 'hand.raise', kind: 'reply' });
  const sent = socket().sent.at(-1);
  assert.equal(sent.type, 'hand.raise');
  assert.equal(sent.kind, 'reply');
  assert.ok(sent.id);
  socket().push({ type: 'ack', id: sent.id, seq: 4 });
  assert.deepEqual(await raised, { type: 'ack', id: sent.id, seq: 4 });

  const refused = connection.send({ type: 'agenda.add', title: 'x', durationSeconds: 60 });
  const second = socket().sent.at(-1);
  assert.notEqual(second.id, sent.id);
  socket().push({ type: 'error', id: second.id, code: 'FORBIDDEN', message: 'only moderators may do this' });
  await assert.rejects(refused, { code: 'FORBIDDEN' });
});

test('commands are refused while not connected', async () => {
  const { connection, socket } = harness();
  await assert.rejects(connection.send({ type: 'hand.raise' }), { code: 'OFFLINE' });
  connection.connect();
  socket().open();
  await assert.rejects(connection.send({ type: 'hand.raise' }), { code: 'OFFLINE' }, 'before the welcome');
});

test('events go to onEvent in order', () => {
  const { connection, log, socket } = harness();
  connection.connect();
  socket().open();
  socket().push(welcomeMessage);
  socket().push({ type: 'event', seq: 4, name: 'hand.raised', data: {} });
  socket().push({ type: 'event', seq: 5, name: 'chat.message', data: {} });
  assert.deepEqual(log.events.map(e => e.seq), [4, 5]);
});

test('a dropped connection reconnects with growing, jittered delays and says hello again', async () => {
  const { connection, log, socket, fireReconnect } = harness();
  connection.connect();
  socket().open();
  socket().push(welcomeMessage);
  const pending = connection.send({ type: 'chat.send', text: 'hoi' });
  socket().serverClose(1006);
  await assert.rejects(pending, { code: 'DISCONNECTED' });
  assert.equal(connection.status, 'reconnecting');
  assert.equal(fireReconnect(), backoffDelay(0, 0.5));
  socket().serverClose(1006);
  assert.equal(fireReconnect(), backoffDelay(1, 0.5));
  socket().open();
  assert.deepEqual(socket().sent, [{ type: 'hello', token: 'tok' }]);
  socket().push(welcomeMessage);
  assert.equal(connection.status, 'open');
  assert.deepEqual(log.statuses, ['open', 'reconnecting', 'open']);
  assert.equal(FakeSocket.all.length, 3);
});

test('after a welcome the backoff starts again from the shortest delay', () => {
  const { connection, socket, fireReconnect } = harness();
  connection.connect();
  socket().serverClose(1006);
  fireReconnect();
  socket().serverClose(1006);
  fireReconnect();
  socket().open();
  socket().push(welcomeMessage);
  socket().serverClose(1001);
  assert.equal(fireReconnect(), backoffDelay(0, 0.5));
});

for (const [code, reason] of [[4401, 'unauthorized'], [4403, 'removed'], [4409, 'replaced'], [4410, 'ended']]) {
  test(`close code ${code} is final (${reason}): no reconnect`, () => {
    const { connection, log, socket, timers } = harness();
    connection.connect();
    socket().open();
    socket().push(welcomeMessage);
    socket().serverClose(code);
    assert.deepEqual(log.fatal, [{ reason, code }]);
    assert.equal(connection.status, 'closed');
    assert.equal(timers.filter(t => !t.done).length, 0);
  });
}

test('close() stops for good', () => {
  const { connection, socket, timers } = harness();
  connection.connect();
  socket().open();
  socket().push(welcomeMessage);
  connection.close();
  assert.equal(connection.status, 'closed');
  assert.equal(timers.filter(t => !t.done).length, 0);
  assert.equal(FakeSocket.all.length, 1);
});

test('backoff doubles from half a second to at most fifteen, with jitter between half and all', () => {
  assert.equal(backoffDelay(0, 0), 250);
  assert.equal(backoffDelay(0, 0.999999), 500);
  assert.equal(backoffDelay(1, 0.999999), 1000);
  assert.equal(backoffDelay(4, 0.999999), 8000);
  assert.equal(backoffDelay(5, 0.999999), 15000);
  assert.equal(backoffDelay(50, 0), 7500);
});

test('the socket URL follows the page scheme', () => {
  assert.equal(socketUrl({ protocol: 'http:', host: 'localhost:8080' }, 'm1'), 'ws://localhost:8080/ws/meetings/m1');
  assert.equal(socketUrl({ protocol: 'https:', host: 'kring.be' }, 'm1'), 'wss://kring.be/ws/meetings/m1');
});

test('close 4307 with an address: reconnects at once to that server, same meeting, and says hello there', () => {
  const { connection, log, socket } = harness();
  connection.connect();
  socket().open();
  socket().push(welcomeMessage);
  socket().serverClose(4307, 'https://kring.test/node/b');
  assert.equal(FakeSocket.all.length, 2, 'no wait before following');
  assert.equal(socket().url, 'wss://kring.test/node/b/ws/meetings/m1');
  socket().open();
  assert.deepEqual(socket().sent, [{ type: 'hello', token: 'tok' }]);
  socket().push(welcomeMessage);
  assert.equal(connection.status, 'open');
  assert.deepEqual(log.fatal, []);
});

test('after the followed server fails, the next socket goes through the first address again', () => {
  const { connection, socket, fireReconnect } = harness();
  connection.connect();
  socket().open();
  socket().serverClose(4307, 'http://10.0.0.2:8080');
  assert.equal(socket().url, 'ws://10.0.0.2:8080/ws/meetings/m1');
  socket().serverClose(1006);
  fireReconnect();
  assert.equal(socket().url, 'ws://kring.test/ws/meetings/m1');
});

test('4307 without an address, or two servers sending it back and forth: back through the first address, with backoff', () => {
  const { connection, socket, fireReconnect } = harness();
  connection.connect();
  socket().open();
  socket().serverClose(4307, '');
  assert.equal(FakeSocket.all.length, 1, 'waits before reconnecting');
  fireReconnect();
  assert.equal(socket().url, 'ws://kring.test/ws/meetings/m1');
  for (let i = 0; i < 3; i++) {
    socket().serverClose(4307, 'https://kring.test/node/a');
  }
  assert.equal(FakeSocket.all.length, 5, 'three quick follows');
  socket().serverClose(4307, 'https://kring.test/node/a');
  assert.equal(FakeSocket.all.length, 5, 'the fourth in a row waits');
  assert.ok(fireReconnect() > 0);
  assert.equal(socket().url, 'wss://kring.test/node/a/ws/meetings/m1');
});

test('a 4307 reason that is not an http(s) address is not followed', () => {
  assert.equal(followedUrl('javascript:alert(1)', 'ws://kring.test/ws/meetings/m1'), null);
  assert.equal(followedUrl('not a url', 'ws://kring.test/ws/meetings/m1'), null);
  assert.equal(followedUrl('https://kring.test/node/b/', 'wss://kring.test/ws/meetings/m1'),
    'wss://kring.test/node/b/ws/meetings/m1');
});
