// TextEncoder/TextDecoder per the Encoding Standard, from @exodus/bytes (UTF-8, UTF-16 and the
// single-byte encodings; the lite build leaves out the large CJK tables). V8 alone has neither.
// Installed here, before anything else loads, since whatwg-url builds its encoders at load time.
import { TextEncoder, TextDecoder } from '@exodus/bytes/encoding-lite.js'

for (const [name, value] of Object.entries({ TextEncoder, TextDecoder })) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true })
}

export { TextEncoder, TextDecoder }
