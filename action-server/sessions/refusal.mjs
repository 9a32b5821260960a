// A session store's refusal to run a call (gone, busy elsewhere, fenced out); the HTTP layer answers it.
/** @import { RefusalReason } from '../../contract/http.js' */
export class SessionRefusal extends Error {
  /** @param {number} status @param {RefusalReason} reason @param {string} message */
  constructor(status, reason, message) {
    super(message)
    this.status = status
    this.reason = reason
  }

  /** @param {string} id */
  static gone(id) {
    return new SessionRefusal(404, 'unknown-session', `Unknown or expired session "${id}".`)
  }
}
