// Browser UI a headless harness never shows. Chromium 156's omnibox popup is a WebUI page in a
// renderer of its own that loads with each new window: ~0.5 s of CPU during every measured page
// load on this 2-core box, taken from the page being measured; a reader's browser spends it on no
// page load (issue 14: first preview interactive ~2.8 → ~2.0 s in the same run with it off).
const HARNESS_FEATURES_OFF = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']

/**
 * Chromium's `--disable-features` switch with the harness's features added to those another
 * launcher already turns off: Chromium keeps only the last such switch.
 * @param {string[]} [flags] the launcher's own flags, read for their `--disable-features`
 */
export function disableFeatures(flags = []) {
  const already = flags
    .filter((flag) => flag.startsWith('--disable-features='))
    .flatMap((flag) => flag.slice('--disable-features='.length).split(','))
  return `--disable-features=${[...new Set([...already, ...HARNESS_FEATURES_OFF])].join(',')}`
}
