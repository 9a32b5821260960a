// The preview's history stays its own. Entries a frame pushes join the docs page's session
// history, so a loop of pushState would trap the reader's Back button, and back()/go() in the frame
// would move the docs page. The playground's router keeps no browser history (navigation.ts), so
// pushState becomes replaceState and traversal does nothing. (A script that borrows another
// realm's History methods gets around this; the browser's own history intervention, which skips
// entries added without a user gesture, is the backstop.)
const proto = History.prototype
const replace = proto.replaceState

function pushState(this: History, data: unknown, unused: string, url?: string | URL | null) {
  replace.call(this, data, unused, url)
}
function stay() {}

for (const [name, value] of [
  ['pushState', pushState],
  ['back', stay],
  ['forward', stay],
  ['go', stay],
] as const)
  Object.defineProperty(proto, name, { value, writable: false, configurable: false })
