// The Server Actions settings of the conformance app (issue 12): next.config.mjs gives them to
// Next 16, and the conformance test deploys them to the live server as the playground's own
// next.config, so both read the same object where Next 16 reads it.
export const experimental = {
  serverActions: {
    allowedOrigins: ['*.allowed.example'],
    bodySizeLimit: '1mb',
  },
}
