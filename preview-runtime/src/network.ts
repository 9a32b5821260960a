// The playground's network switch, preview side: "slow" delays every Server Action call, "failing"
// makes the next one fail as a lost connection would (fetch's TypeError), then goes back to normal.
// Lets readers and checks see pending states, optimistic rollbacks and error messages on demand.

export type NetworkMode = 'normal' | 'slow' | 'failing'

export const NETWORK_MODES: readonly NetworkMode[] = ['normal', 'slow', 'failing']

/** How long "slow" holds each call before sending it. */
export const SLOW_DELAY_MS = 1500

let mode: NetworkMode = 'normal'

function apply(next: NetworkMode) {
  mode = next
  // Lets a check wait until the preview got the mode before it clicks.
  document.documentElement.dataset.network = next
}

export function setNetworkMode(next: unknown) {
  apply(NETWORK_MODES.includes(next as NetworkMode) ? (next as NetworkMode) : 'normal')
}

/**
 * Runs before an action's request leaves: waits when slow, throws when failing; `mark` tells the
 * network panel which of the two happened.
 */
export async function throughNetwork(
  mark: (simulated: 'delayed' | 'failed') => void,
): Promise<void> {
  if (mode === 'slow') {
    mark('delayed')
    await new Promise((resolve) => setTimeout(resolve, SLOW_DELAY_MS))
  } else if (mode === 'failing') {
    apply('normal')
    mark('failed')
    // What fetch itself throws when the connection drops.
    throw new TypeError('Failed to fetch')
  }
}
