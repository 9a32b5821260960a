import type { IncomingMessage, ServerResponse } from 'node:http'

export interface ActionServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
  close(): Promise<void>
  readonly config: Readonly<Record<string, unknown>>
}

export function createActionServer(
  options?: { env?: Record<string, string | undefined> } & Record<string, unknown>,
): ActionServer
