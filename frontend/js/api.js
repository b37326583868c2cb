/**
 * The HTTP side of the protocol (protocol.md section 1), and the per-meeting memory of who
 * you are in this browser.
 */

/** An HTTP error answer: status and the contract's error code. */
export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function request(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.code ?? codeOfStatus(response.status), error.message ?? response.statusText);
  }
  return body;
}

/** @param {number} status */
function codeOfStatus(status) {
  return ({ 400: 'INVALID', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
    410: 'ENDED', 429: 'RATE_LIMITED', 503: 'UNAVAILABLE' })[status] ?? 'UNAVAILABLE';
}

/** @param {any} body */
function json(body) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * @param {{title: string, language: string, agenda?: Array<{title: string, durationSeconds: number, kind?: string}>}} meeting
 * @returns {Promise<{meetingId: string, title: string, moderatorKey: string, joinPath: string, moderatorPath: string}>}
 */
export function createMeeting(meeting) {
  return request('/api/meetings', json(meeting));
}

/** @param {string} meetingId */
export function meetingInfo(meetingId) {
  return request(`/api/meetings/${encodeURIComponent(meetingId)}`);
}

/**
 * @param {string} meetingId
 * @param {{name: string, organisation?: string, moderatorKey?: string}} who
 * @returns {Promise<{participantId: string, token: string, role: string}>}
 */
export function joinMeeting(meetingId, who) {
  return request(`/api/meetings/${encodeURIComponent(meetingId)}/participants`, json(who));
}

/** @param {string} meetingId */
export function displaySnapshot(meetingId) {
  return request(`/api/meetings/${encodeURIComponent(meetingId)}/display`);
}

/** The published recap (RC4): anyone with the link; 404 when unknown or withdrawn. @param {string} recapId */
export function fetchRecap(recapId) {
  return request(`/api/recaps/${encodeURIComponent(recapId)}`);
}

/** The recap id of a /r/{recapId} path, or null. @param {string} pathname */
export function recapIdFromPath(pathname) {
  const match = /^\/r\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/**
 * Fetches the report with the moderator's token (a plain link cannot carry it).
 * @param {string} meetingId @param {string} token @param {'md'|'json'} format
 * @returns {Promise<Blob>}
 */
export async function fetchReport(meetingId, token, format) {
  let response;
  try {
    response = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/report?format=${format}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (!response.ok) {
    let code = codeOfStatus(response.status);
    try { code = (await response.json()).error.code ?? code; } catch { /* keep the status code */ }
    throw new ApiError(response.status, code, response.statusText);
  }
  return response.blob();
}

// ---- Who you are in this browser, per meeting ----

/** @param {string} meetingId */
const tokenKey = meetingId => `kring.token.${meetingId}`;

/**
 * @typedef {{token: string, participantId: string, role: string}} Identity
 * @param {Storage} storage @param {string} meetingId
 * @returns {Identity|null}
 */
export function loadIdentity(storage, meetingId) {
  try {
    const raw = storage.getItem(tokenKey(meetingId));
    if (!raw) return null;
    const value = JSON.parse(raw);
    return value && typeof value.token === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** @param {Storage} storage @param {string} meetingId @param {Identity} identity */
export function saveIdentity(storage, meetingId, identity) {
  try {
    storage.setItem(tokenKey(meetingId), JSON.stringify(identity));
  } catch { /* private mode: the session still works, a reload asks again */ }
}

/** @param {Storage} storage @param {string} meetingId */
export function forgetIdentity(storage, meetingId) {
  try {
    storage.removeItem(tokenKey(meetingId));
  } catch { /* nothing to forget */ }
}

/**
 * The meeting id in a page path (/m/{id} or /display/{id}), or null.
 * @param {string} pathname
 */
export function meetingIdFromPath(pathname) {
  const match = /^\/(?:m|display)\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/**
 * The moderator key in a URL fragment (#key=...), or null.
 * @param {string} hash
 */
export function keyFromHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key ? key : null;
}
