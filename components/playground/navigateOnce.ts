// sandpack-client navigates a preview frame twice each time: `location.replace(url)`, then
// `iframe.src = url`, which aborts the first. Under load the first can already be answered when
// the second replaces it, and a frame left that way may never start (issue 14's CI flake). Each
// case needs one of the two: a frame that never had a page gets `src` (its initial about:blank is
// replaced, no history entry); a reload gets `location.replace`, which keeps the frame's history
// as the address bar's back and forward use it.
import { SandpackRuntime } from '@codesandbox/sandpack-client/clients/runtime'

SandpackRuntime.prototype.setLocationURLIntoIFrame = function (this: SandpackRuntime) {
  const { startRoute } = this.options
  const url = startRoute ? new URL(startRoute, this.bundlerURL).toString() : this.bundlerURL
  const page = this.iframe.contentWindow
  if (page && this.iframe.hasAttribute('src')) page.location.replace(url)
  else this.iframe.src = url
}
