// The sandbox process's side of IPC, on a real channel: its host can go away at any moment.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'

test('a write to a host that has gone (EPIPE) ends the sandbox process quietly', async () => {
  // Busy while the host closes its end, then answers before it can read the close: the write
  // hits a closed socket, as when a server is stopped while its sandbox process is answering.
  const script = `
    import { sendToHost } from './action-server/sandbox/channel.mjs'
    process.on('message', () => {
      const end = Date.now() + 500
      while (Date.now() < end);
      sendToHost({ batch: ['late'] })
      setTimeout(() => process.exit(3), 3000) // the write went through: not the case under test
    })
    process.send('ready')
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../../../', import.meta.url),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  await new Promise((resolve) => child.once('message', resolve))
  child.send('go', () => child.disconnect())
  const [code] = await new Promise((resolve) => child.once('exit', (...a) => resolve(a)))
  assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error'/)
  assert.equal(code, 0, stderr)
})
