// Run by plain-flight.test.mjs as `NODE_ENV=production node --conditions=react-server`, so React
// loads its production server build, as in a production isolate. Prints, as JSON, every value
// whose answer differs from React's and how many were compared.

// React's webpack build reads these globals when it loads, as in the isolate.
import '../../../action-server/runtime/webpack-globals.js'
import {
  renderToReadableStream,
  createTemporaryReferenceSet,
} from 'react-server-dom-webpack/server.browser'
import { plainActionAnswer } from '../../../action-server/runtime/plain-flight.js'
import { actionPayload } from '../../../action-server/runtime/payload.js'
import { CASES } from './plain-flight.cases.mjs'

/** Next's `{a, q, i, b}` for an action that returned `value`, as actions.js builds it. */
/** @param {unknown} value @param {string} path */
function payloadOf(value, path) {
  const actionResult = Promise.resolve(value)
  return actionPayload({
    actionResult,
    path,
    tree: undefined,
    buildId: 'b$uild-1',
    mode: 'production',
  })
}

/** @param {unknown} value @param {string} path */
async function reactBytes(value, path) {
  const stream = renderToReadableStream(payloadOf(value, path), {}, { onError: () => 'digest' })
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** @param {unknown} value @param {string} path */
function plainBytes(value, path) {
  return plainActionAnswer(payloadOf(value, path), value, createTemporaryReferenceSet())
}

const decoder = new TextDecoder()
const out = { compared: 0, mismatches: [], reactFailed: [] }
for (const [i, { value, path = '/' }] of CASES().entries()) {
  const mine = plainBytes(value, path)
  if (!mine) continue
  let theirs
  try {
    theirs = decoder.decode(await reactBytes(value, path))
  } catch (err) {
    out.reactFailed.push({ i, error: String(err) })
    continue
  }
  out.compared++
  const text = decoder.decode(mine)
  if (text !== theirs) out.mismatches.push({ i, plain: text, react: theirs })
}
process.stdout.write(JSON.stringify(out))
process.exit(0) // React's MessageChannel would keep the process alive
