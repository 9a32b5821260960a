// Where the preview runtime lives: its own origin, so playground code cannot read the docs'
// cookies or storage. Default: `preview.<this host>` on the same port, served by the same
// `next start` (middleware.ts rewrites that host to public/runtime/). In production set
// NEXT_PUBLIC_PREVIEW_ORIGIN at build time to a host starting with `preview.`.

const IP_HOST = /^(\d+\.){3}\d+$|^\[.*\]$/

export function previewOrigin(): string {
  const configured = process.env.NEXT_PUBLIC_PREVIEW_ORIGIN
  if (configured) return configured.replace(/\/+$/, '')
  const { protocol, hostname, port } = window.location
  // Chromium and Firefox resolve *.localhost to the loopback address; an IP cannot take a subdomain.
  const host = IP_HOST.test(hostname) ? 'localhost' : hostname
  return `${protocol}//preview.${host}${port ? `:${port}` : ''}`
}
