// URL and URLSearchParams for playground code (building a redirect target, reading a query string).
// Special schemes (http, https, ws, wss, file) and the common relative forms; no IDNA.

function encodeParam(s) {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

function decodeParam(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

export class URLSearchParams {
  constructor(init = '') {
    this._list = []
    this._url = null
    if (typeof init === 'string') this._parse(init)
    else if (init && typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const [k, v] = Array.from(pair)
        this._list.push([String(k), String(v)])
      }
    } else if (init && typeof init === 'object') {
      for (const k of Object.keys(init)) this._list.push([k, String(init[k])])
    }
  }
  _parse(s) {
    this._list = []
    for (const part of String(s).replace(/^\?/, '').split('&')) {
      if (!part) continue
      const i = part.indexOf('=')
      this._list.push(
        i === -1
          ? [decodeParam(part), '']
          : [decodeParam(part.slice(0, i)), decodeParam(part.slice(i + 1))],
      )
    }
  }
  _update() {
    if (this._url) this._url._search = this._list.length ? `?${this}` : ''
  }
  append(k, v) {
    this._list.push([String(k), String(v)])
    this._update()
  }
  delete(k) {
    this._list = this._list.filter(([n]) => n !== String(k))
    this._update()
  }
  get(k) {
    const e = this._list.find(([n]) => n === String(k))
    return e ? e[1] : null
  }
  getAll(k) {
    return this._list.filter(([n]) => n === String(k)).map(([, v]) => v)
  }
  has(k) {
    return this._list.some(([n]) => n === String(k))
  }
  set(k, v) {
    const i = this._list.findIndex(([n]) => n === String(k))
    if (i === -1) this._list.push([String(k), String(v)])
    else {
      this._list[i] = [String(k), String(v)]
      this._list = this._list.filter(([n], j) => j <= i || n !== String(k))
    }
    this._update()
  }
  sort() {
    this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    this._update()
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this._list) fn.call(thisArg, v, k, this)
  }
  keys() {
    return this._list.map(([k]) => k)[Symbol.iterator]()
  }
  values() {
    return this._list.map(([, v]) => v)[Symbol.iterator]()
  }
  entries() {
    return this._list.map(([k, v]) => [k, v])[Symbol.iterator]()
  }
  [Symbol.iterator]() {
    return this.entries()
  }
  get size() {
    return this._list.length
  }
  toString() {
    return this._list.map(([k, v]) => `${encodeParam(k)}=${encodeParam(v)}`).join('&')
  }
}

const DEFAULT_PORTS = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }
const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/

function normalizePath(path) {
  const out = []
  for (const seg of path.split('/').slice(1)) {
    if (seg === '..') out.pop()
    else if (seg !== '.') out.push(seg)
  }
  if (/\/\.\.?$/.test(path)) out.push('')
  return '/' + out.join('/')
}

function invalid(input) {
  return new TypeError(`Invalid URL: ${input}`)
}

export class URL {
  constructor(input, base) {
    const s = String(input).trim()
    let m = ABSOLUTE.exec(s)
    if (!m || (!m[2] && m[1].toLowerCase() in DEFAULT_PORTS)) {
      if (base === undefined) throw invalid(s)
      const b = base instanceof URL ? base : new URL(base)
      if (s.startsWith('//')) m = ABSOLUTE.exec(b.protocol + s)
      else {
        let path = b.pathname
        let search = b.search
        let rest = s
        const hash = rest.includes('#') ? rest.slice(rest.indexOf('#')) : ''
        rest = hash ? rest.slice(0, rest.indexOf('#')) : rest
        if (rest.includes('?')) {
          search = rest.slice(rest.indexOf('?'))
          rest = rest.slice(0, rest.indexOf('?'))
        } else if (rest) search = ''
        if (rest.startsWith('/')) path = rest
        else if (rest) path = path.slice(0, path.lastIndexOf('/') + 1) + rest
        m = ABSOLUTE.exec(`${b.protocol}//${b.host}${path}${search}${hash}`)
      }
      if (!m) throw invalid(s)
    }
    this._protocol = m[1].toLowerCase()
    const authority = m[3] || ''
    const at = authority.lastIndexOf('@')
    const userinfo = at === -1 ? '' : authority.slice(0, at)
    const hostport = at === -1 ? authority : authority.slice(at + 1)
    ;[this._username = '', this._password = ''] = userinfo ? userinfo.split(':') : []
    const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport)
    if (!pm) throw invalid(s)
    this._hostname = pm[1].toLowerCase()
    this._port = pm[2] && pm[2] !== DEFAULT_PORTS[this._protocol] ? pm[2] : ''
    if (m[2] && this._protocol in DEFAULT_PORTS && !this._hostname) throw invalid(s)
    const rawPath = m[4] || ''
    this._pathname =
      m[2] || this._protocol in DEFAULT_PORTS
        ? normalizePath(rawPath.startsWith('/') ? rawPath : '/' + rawPath)
        : rawPath
    this._search = m[5] && m[5] !== '?' ? m[5] : ''
    this._hash = m[6] && m[6] !== '#' ? m[6] : ''
    this._params = new URLSearchParams(this._search)
    this._params._url = this
  }
  get protocol() {
    return this._protocol
  }
  get username() {
    return this._username
  }
  get password() {
    return this._password
  }
  get hostname() {
    return this._hostname
  }
  get port() {
    return this._port
  }
  get host() {
    return this._port ? `${this._hostname}:${this._port}` : this._hostname
  }
  get origin() {
    return this._protocol in DEFAULT_PORTS ? `${this._protocol}//${this.host}` : 'null'
  }
  get pathname() {
    return this._pathname
  }
  set pathname(v) {
    this._pathname = normalizePath(String(v).startsWith('/') ? String(v) : '/' + v)
  }
  get search() {
    return this._search
  }
  set search(v) {
    const s = String(v)
    this._search = s && s !== '?' ? (s.startsWith('?') ? s : '?' + s) : ''
    this._params._parse(this._search)
  }
  get searchParams() {
    return this._params
  }
  get hash() {
    return this._hash
  }
  set hash(v) {
    const s = String(v)
    this._hash = s && s !== '#' ? (s.startsWith('#') ? s : '#' + s) : ''
  }
  get href() {
    const auth = this._username
      ? `${this._username}${this._password ? ':' + this._password : ''}@`
      : ''
    const slashes =
      this._hostname || this._protocol in DEFAULT_PORTS || this._protocol === 'file:' ? '//' : ''
    return `${this._protocol}${slashes}${auth}${this.host}${this._pathname}${this._search}${this._hash}`
  }
  toString() {
    return this.href
  }
  toJSON() {
    return this.href
  }
  static canParse(input, base) {
    try {
      new URL(input, base)
      return true
    } catch {
      return false
    }
  }
}
