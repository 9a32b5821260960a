// Pure pieces of what the playground reads about its preview and session (unit-tested in
// tests/unit/composer.test.mjs): the route a preview reports, and the actions a deploy listed.

export interface DeployedAction {
  /** `app/page.tsx#$$RSC_SERVER_ACTION_0` */
  key: string
  /** `register` */
  name: string
  id: string
}

/** The actions a deploy answer lists (`{actions, names}`, as the server recorded it); [] if cut. */
export function deployedActions(responseBody: string | undefined): DeployedAction[] {
  if (!responseBody || responseBody.length > 4096) return []
  try {
    const body = JSON.parse(responseBody) as {
      actions?: Record<string, unknown>
      names?: Record<string, unknown>
    }
    const names = body.names && typeof body.names === 'object' ? body.names : {}
    return Object.entries(body.actions ?? {})
      .filter((pair): pair is [string, string] => typeof pair[1] === 'string')
      .slice(0, 100)
      .map(([key, id]) => {
        const name = names[key]
        return {
          key,
          id,
          name: typeof name === 'string' ? name : key.slice(key.lastIndexOf('#') + 1),
        }
      })
  } catch {
    return []
  }
}

/** The route of a URL the preview reported, when it is on the preview's own origin; else null. */
export function routeOf(url: string, origin: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.origin === origin ? parsed.pathname + parsed.search : null
  } catch {
    return null
  }
}
