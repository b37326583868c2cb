import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, countdown, elapsed, formatClock, minutesOf, WARNING_SECONDS, offsetBounds, narrowOffset, offsetWithin, latestPastTime } from '../js/lib/time.js';

test('durations are m:ss below an hour and h:mm:ss from an hour on', () => {
  assert.equal(formatDuration(0), '0:00');
  assert.equal(formatDuration(5), '0:05');
  assert.equal(formatDuration(65), '1:05');
  assert.equal(formatDuration(600), '10:00');
  assert.equal(formatDuration(3599), '59:59');
  assert.equal(formatDuration(3600), '1:00:00');
  assert.equal(formatDuration(3725.9), '1:02:05');
  assert.equal(formatDuration(-3), '0:00');
});

test('a countdown rounds up, so a fresh five-minute item shows 5:00', () => {
  const endsAt = 1_000_000 + 300_000;
  assert.deepEqual(countdown(endsAt, 1_000_000), { phase: 'normal', seconds: 300, text: '5:00' });
  assert.deepEqual(countdown(endsAt, 1_000_001), { phase: 'normal', seconds: 300, text: '5:00' });
  assert.equal(countdown(endsAt, 1_001_000).text, '4:59');
});

test('the last minute is a warning', () => {
  const endsAt = 100_000;
  assert.equal(countdown(endsAt, endsAt - 61_000).phase, 'normal');
  assert.equal(countdown(endsAt, endsAt - 60_500).phase, 'normal');
  assert.equal(countdown(endsAt, endsAt - WARNING_SECONDS * 1000).phase, 'warning');
  assert.deepEqual(countdown(endsAt, endsAt - 1), { phase: 'warning', seconds: 1, text: '0:01' });
});

test('over time counts up with a plus sign', () => {
  const endsAt = 100_000;
  assert.deepEqual(countdown(endsAt, endsAt), { phase: 'over', seconds: 0, text: '+0:00' });
  assert.deepEqual(countdown(endsAt, endsAt + 999), { phase: 'over', seconds: 0, text: '+0:00' });
  assert.deepEqual(countdown(endsAt, endsAt + 75_000), { phase: 'over', seconds: 75, text: '+1:15' });
});

test('two browsers with different local clocks show the same countdown', () => {
  const serverTime = 5_000_000;
  const endsAt = serverTime + 120_000;
  const offsetA = offsetWithin(offsetBounds(serverTime, 4_000_020, 3_999_980)); // clock A runs 1000 s behind
  const offsetB = offsetWithin(offsetBounds(serverTime, 5_003_030, 5_002_990)); // clock B runs 3 s ahead
  const laterA = 4_000_020 + 30_000;
  const laterB = 5_003_030 + 30_000;
  assert.equal(countdown(endsAt, laterA + offsetA).text, countdown(endsAt, laterB + offsetB).text);
  assert.equal(countdown(endsAt, laterA + offsetA).text, '1:30');
});

test('a stopwatch shows the time passed', () => {
  assert.equal(elapsed(1_000, 1_000), '0:00');
  assert.equal(elapsed(1_000, 62_500), '1:01');
  assert.equal(elapsed(5_000, 1_000), '0:00');
});

test('wall-clock times are 24-hour in both languages', () => {
  const at = Date.UTC(2026, 0, 15, 13, 5);
  const nl = formatClock(at, 'nl');
  const en = formatClock(at, 'en');
  assert.match(nl, /^\d{2}[:.]\d{2}$/);
  assert.match(en, /^\d{2}:\d{2}$/);
});

test('minutes of a duration keep one decimal', () => {
  assert.equal(minutesOf(300), 5);
  assert.equal(minutesOf(90), 1.5);
  assert.equal(minutesOf(1200), 20);
});

test('offset bounds come from a round trip and narrow with every answer', () => {
  const first = offsetBounds(10_000, 1_200, 1_000);
  assert.deepEqual(first, { min: 8_800, max: 9_000 });
  assert.equal(offsetWithin(first), 8_900);
  assert.deepEqual(offsetBounds(10_000, 1_200), { min: 8_800, max: Infinity });
  assert.equal(offsetWithin(offsetBounds(10_000, 1_200)), 8_800);
  const second = narrowOffset(first, offsetBounds(20_000, 11_150, 11_050));   // [8_850, 8_950]
  assert.deepEqual(second, { min: 8_850, max: 8_950 });
  assert.deepEqual(narrowOffset(second, { min: 1_000, max: 2_000 }), { min: 1_000, max: 2_000 }, 'a clock jump: the news wins');
  assert.deepEqual(narrowOffset(null, first), first);
});

test('the latest past timestamp ignores deadlines', () => {
  assert.equal(latestPastTime({ a: { startedAt: 5, endsAt: 99 }, list: [{ sentAt: 7 }, { raisedAt: 6 }], closingAt: 100 }), 7);
  assert.equal(latestPastTime({ endsAt: 5 }), -Infinity);
  assert.equal(latestPastTime(null), -Infinity);
});
