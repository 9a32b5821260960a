// A session store's refusal to run a call (gone, busy elsewhere, fenced out); the HTTP layer answers it.
export class SessionRefusal extends Error {
  constructor(status, reason, message) {
    super(message)
    this.status = status
    this.reason = reason
  }

  static gone(id) {
    return new SessionRefusal(404, 'unknown-session', `Unknown or expired session "${id}".`)
  }
}
