// Thin adapter: mounts the live action server (action-server/, runnable without Next) at
// /api/live/*. It is imported at run time, outside webpack, so it runs as the same plain Node
// modules the tests and the bench use, and it forks its sandbox process from its own files.
// The instance lives on globalThis so hot reloads and route reloads never fork a second sandbox.
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ActionServer } from '../../../action-server/index.mjs'

export const config = {
  api: { bodyParser: false, responseLimit: false, externalResolver: true },
}

const KEY = Symbol.for('server-actions-live.action-server')
const store = globalThis as unknown as { [KEY]?: Promise<ActionServer> }

function actionServer(): Promise<ActionServer> {
  store[KEY] ??= import(
    /* webpackIgnore: true */ pathToFileURL(path.join(process.cwd(), 'action-server', 'index.mjs'))
      .href
  ).then((mod: typeof import('../../../action-server/index.mjs')) => mod.createActionServer())
  return store[KEY]
}

export default async function handler(req: IncomingMessage, res: ServerResponse) {
  const server = await actionServer()
  await server.handle(req, res)
}
