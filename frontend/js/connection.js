/**
 * The meeting socket: hello, welcome, events, commands with ack/error, and silent reconnects
 * with exponential backoff and jitter. Knows nothing of the DOM.
 */

/** Close codes after which reconnecting cannot help (protocol.md section 2.5). */
// 4409: a sixth tab of the same person replaced this one; reconnecting would only replace another tab in turn.
export const FATAL_CLOSE_CODES = Object.freeze({ 4401: 'unauthorized', 4403: 'removed', 4409: 'replaced', 4410: 'ended' });

/** Close code: another server has this meeting; the reason is its address (protocol.md, several servers). */
export const MOVED_CLOSE_CODE = 4307;
/** Follows in a row without a welcome before the usual backoff applies again (two nodes sending a client back and forth). */
const MAX_QUICK_FOLLOWS = 3;

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const COMMAND_TIMEOUT_MS = 15_000;

/**
 * The wait before reconnect attempt number `attempt` (0-based): doubling from 0.5 s up to 15 s,
 * each time a random part of it (between half and all), so that a room full of clients does not
 * come back in one burst after a server restart.
 * @param {number} attempt
 * @param {number} random a number in [0, 1)
 */
export function backoffDelay(attempt, random) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + 0.5 * random));
}

/**
 * @typedef {'connecting'|'open'|'reconnecting'|'closed'} ConnectionStatus
 * @typedef {{code: string, message: string}} CommandError
 * @typedef {object} Handlers
 * @property {(welcome: any, clock: {receivedAt: number, sentAt: number|null}) => void} [onWelcome]
 * @property {(event: any, clock: {receivedAt: number}) => void} [onEvent]
 * @property {(status: ConnectionStatus) => void} [onStatus]
 * @property {(reason: string, code: number) => void} [onFatal] the socket closed for good
 * @property {(error: CommandError) => void} [onProtocolError] an error frame without a command id
 */

export class MeetingConnection {
  #url;
  /** Where the next socket goes: #url, or the owning server's socket after a 4307. */
  #current;
  #follows = 0;
  #token;
  #handlers;
  #WebSocket;
  #setTimeout;
  #clearTimeout;
  #random;
  #now;
  /** @type {any} */ #socket = null;
  #attempt = 0;
  #nextId = 1;
  /** @type {Map<string, {resolve: Function, reject: Function, timer: any}>} */ #pending = new Map();
  /** @type {any} */ #retryTimer = null;
  #stopped = false;
  #welcomed = false;
  /** @type {number|null} */ #helloSentAt = null;
  /** @type {ConnectionStatus} */ #status = 'connecting';

  /**
   * @param {object} options
   * @param {string} options.url the socket URL (ws: or wss:)
   * @param {string} options.token the participant token
   * @param {Handlers} [options.handlers]
   * @param {any} [options.WebSocketImpl] for tests; the browser's WebSocket by default
   * @param {(fn: Function, ms: number) => any} [options.setTimeout]
   * @param {(id: any) => void} [options.clearTimeout]
   * @param {() => number} [options.random]
   * @param {() => number} [options.now]
   */
  constructor({ url, token, handlers = {}, WebSocketImpl = globalThis.WebSocket, setTimeout: st = globalThis.setTimeout.bind(globalThis),
    clearTimeout: ct = globalThis.clearTimeout.bind(globalThis), random = Math.random, now = Date.now }) {
    this.#url = url;
    this.#current = url;
    this.#token = token;
    this.#handlers = handlers;
    this.#WebSocket = WebSocketImpl;
    this.#setTimeout = st;
    this.#clearTimeout = ct;
    this.#random = random;
    this.#now = now;
  }

  /** @returns {ConnectionStatus} */
  get status() {
    return this.#status;
  }

  /** Opens the socket (and keeps it open until close() or a fatal close code). */
  connect() {
    this.#stopped = false;
    this.#attempt = 0;
    this.#setStatus('connecting');
    this.#open();
  }

  /** Tries again at once if a reconnect is waiting (e.g. the browser says it is back online). */
  retryNow() {
    if (this.#retryTimer !== null && !this.#stopped) {
      this.#clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#open();
    }
  }

  /** Closes for good: no reconnect. */
  close() {
    this.#stopped = true;
    if (this.#retryTimer !== null) this.#clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      try { socket.close(1000); } catch { /* already closed */ }
    }
    this.#failPending('DISCONNECTED');
    this.#setStatus('closed');
  }

  /**
   * Sends a command; resolves with the ack, rejects with {code, message} on an error answer, when
   * offline, or when the socket closes before the answer.
   * @param {{type: string, [field: string]: any}} command
   * @returns {Promise<any>}
   */
  send(command) {
    if (!this.#welcomed || !this.#socket || this.#socket.readyState !== 1) {
      return Promise.reject({ code: 'OFFLINE', message: 'not connected' });
    }
    const id = `c${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = this.#setTimeout(() => {
        this.#pending.delete(id);
        reject({ code: 'TIMEOUT', message: 'no answer from the server' });
      }, COMMAND_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      this.#socket.send(JSON.stringify({ ...command, id }));
    });
  }

  #open() {
    this.#welcomed = false;
    let socket;
    try {
      socket = new this.#WebSocket(this.#current);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      this.#helloSentAt = this.#now();
      socket.send(JSON.stringify({ type: 'hello', token: this.#token }));
    };
    socket.onmessage = (/** @type {{data: any}} */ e) => {
      if (socket !== this.#socket) return;
      this.#receive(e.data);
    };
    socket.onclose = (/** @type {{code: number, reason?: string}} */ e) => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#closed(e.code, e.reason ?? '');
    };
    socket.onerror = () => { /* a close event follows */ };
  }

  /** @param {any} data */
  #receive(data) {
    let message;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    const receivedAt = this.#now();
    switch (message.type) {
      case 'welcome':
        this.#welcomed = true;
        this.#attempt = 0;
        this.#follows = 0;
        this.#setStatus('open');
        this.#handlers.onWelcome?.(message, { receivedAt, sentAt: this.#helloSentAt });
        break;
      case 'event':
        this.#handlers.onEvent?.(message, { receivedAt });
        break;
      case 'ack':
        this.#settle(message.id, p => p.resolve(message));
        break;
      case 'error':
        if (message.id === null || message.id === undefined || !this.#pending.has(message.id)) {
          this.#handlers.onProtocolError?.({ code: message.code, message: message.message });
        } else {
          this.#settle(message.id, p => p.reject({ code: message.code, message: message.message }));
        }
        break;
      default:
        break;
    }
  }

  /** @param {string} id @param {(p: {resolve: Function, reject: Function}) => void} fn */
  #settle(id, fn) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    this.#clearTimeout(pending.timer);
    fn(pending);
  }

  /** @param {number} code @param {string} reason */
  #closed(code, reason) {
    this.#welcomed = false;
    this.#failPending('DISCONNECTED');
    if (this.#stopped) {
      this.#setStatus('closed');
      return;
    }
    const fatal = /** @type {Record<number, string>} */ (FATAL_CLOSE_CODES)[code];
    if (fatal) {
      this.#stopped = true;
      this.#setStatus('closed');
      this.#handlers.onFatal?.(fatal, code);
      return;
    }
    if (code === MOVED_CLOSE_CODE) {
      // Another server owns the meeting: go to its address (or back through the balancer when none is given).
      const moved = followedUrl(reason, this.#url);
      this.#current = moved ?? this.#url;
      if (moved && this.#follows++ < MAX_QUICK_FOLLOWS) {
        this.#setStatus('reconnecting');
        this.#open();
        return;
      }
    } else {
      this.#current = this.#url; // a followed server that fails sends us back through the balancer
    }
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    this.#setStatus('reconnecting');
    const delay = backoffDelay(this.#attempt++, this.#random());
    this.#retryTimer = this.#setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#stopped) this.#open();
    }, delay);
  }

  /** @param {string} code */
  #failPending(code) {
    for (const [id, pending] of this.#pending) {
      this.#clearTimeout(pending.timer);
      pending.reject({ code, message: 'the connection closed' });
      this.#pending.delete(id);
    }
  }

  /** @param {ConnectionStatus} status */
  #setStatus(status) {
    if (status === this.#status) return;
    this.#status = status;
    this.#handlers.onStatus?.(status);
  }
}

/**
 * The socket URL on the server at `address` (a 4307 close reason: an http(s) base such as
 * `https://kring.example.org/node/b`) for the same meeting as `current`; null when `address` is not one.
 * @param {string} address
 * @param {string} current a ws: or wss: URL
 * @returns {string|null}
 */
export function followedUrl(address, current) {
  let base;
  try {
    base = new URL(address);
  } catch {
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${scheme}//${base.host}${prefix}${new URL(current).pathname}`;
}

/**
 * The socket URL of a meeting on this page's server.
 * @param {{protocol: string, host: string}} location
 * @param {string} meetingId
 */
export function socketUrl(location, meetingId) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/meetings/${encodeURIComponent(meetingId)}`;
}
