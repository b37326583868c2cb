import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, countdown, elapsed, clockOffset, formatClock, minutesOf, WARNING_SECONDS } from '../js/lib/time.js';

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
  const offsetA = clockOffset(serverTime, 4_000_000);          // clock A runs 1000 s behind
  const offsetB = clockOffset(serverTime, 5_003_000);          // clock B runs 3 s ahead
  const laterA = 4_000_000 + 30_000;
  const laterB = 5_003_000 + 30_000;
  assert.equal(countdown(endsAt, laterA + offsetA).text, countdown(endsAt, laterB + offsetB).text);
  assert.equal(countdown(endsAt, laterA + offsetA).text, '1:30');
});

test('the clock offset takes the middle of the round trip when known', () => {
  assert.equal(clockOffset(10_000, 2_000), 8_000);
  assert.equal(clockOffset(10_000, 2_000, 1_000), 8_500);
  assert.equal(clockOffset(10_000, 2_000, 3_000), 8_000, 'a send time after the answer is ignored');
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
