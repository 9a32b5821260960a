import type { IncomingMessage, ServerResponse } from 'node:http'

export interface ActionServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
  close(): Promise<void>
  readonly config: Readonly<Record<string, unknown>>
  /** The sandbox processes' host (benches read its processes' sizes). */
  readonly host: import('./types.js').SandboxHost
}

export function createActionServer(
  options?: { env?: Record<string, string | undefined> } & Record<string, unknown>,
): ActionServer
