// URL and URLSearchParams from whatwg-url, the URL Standard's reference implementation (IDNA
// hosts, percent-encoding, relative resolution: the answers Node gives). Required lazily by
// install.js, hence CommonJS-compatible named exports.
export { URL, URLSearchParams } from 'whatwg-url'
