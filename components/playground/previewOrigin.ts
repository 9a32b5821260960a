// Where a preview runs: an origin of its own per playground on the page, `<id>.preview.<host>`
// (as hosted sandboxes give each sandbox a random subdomain), so no preview can reach another's
// frames, storage, channels or live server session, nor the docs' cookies. By default it is
// served by the same `npm start` (scripts/server.mjs serves any `*.preview.` host from
// public/runtime/). In production set NEXT_PUBLIC_PREVIEW_ORIGIN at build time to a wildcard
// template such as `https://*.preview.example.com` (the `*` becomes the id); an origin without
// `*` is used as it is, shared by every preview (no isolation between them).

const IP_HOST = /^(\d+\.){3}\d+$|^\[.*\]$/

/** A fresh subdomain label: 80 random bits, lowercase base32 (valid in any DNS label). */
export function newPreviewId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => alphabet[b & 31]).join('')
}

export function previewOrigin(id: string): string {
  const configured = process.env.NEXT_PUBLIC_PREVIEW_ORIGIN
  if (configured) return configured.replace(/\/+$/, '').replace('*', id)
  const { protocol, hostname, port } = window.location
  // Chromium and Firefox resolve *.localhost to the loopback address; an IP cannot take a subdomain.
  const host = IP_HOST.test(hostname) ? 'localhost' : hostname
  return `${protocol}//${id}.preview.${host}${port ? `:${port}` : ''}`
}
