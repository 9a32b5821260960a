// The few words the live server writes itself (the JavaScript-off view's notices), per locale,
// from the site's UI strings: both doors to the live server (scripts/server.mjs and the
// /api/live adapter) give it the same ones.
const RUNTIME_KEYS = ['externalRedirect', 'formNotSent', 'formKept', 'formResend', 'formFilesAgain']

/**
 * @param {Record<string, { playground: { runtime: Record<string, string>, reasons: Record<string, string> } }>} byLocale
 * @returns {Record<string, Record<string, string>>}
 */
export function liveMessages(byLocale) {
  return Object.fromEntries(
    Object.entries(byLocale).map(([locale, { playground }]) => [
      locale,
      {
        ...Object.fromEntries(RUNTIME_KEYS.map((key) => [key, playground.runtime[key]])),
        // Why a call failed, keyed as the server's refusal reasons are.
        ...Object.fromEntries(
          Object.entries(playground.reasons).map(([reason, text]) => [`reason:${reason}`, text]),
        ),
      },
    ]),
  )
}
