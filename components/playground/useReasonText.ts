// The live server's `x-live-reason` of an answer, explained in the reader's language (network
// panel and request composer).
import { useTranslations } from 'next-intl'
import { useCallback } from 'react'

// The x-live-reason values that have their own explanation (locales/*.json, playground.reasons).
export const KNOWN_REASONS = [
  'csrf',
  'body-too-large',
  'cpu-limit',
  'server-busy',
  'wall-limit',
  'memory-limit',
  'queue-full',
  'action-not-found',
  'malformed-action-id',
  'too-many-args',
  'invalid-payload',
  'action-error',
  'unknown-session',
  'sandbox-error',
] as const

export function useReasonText(): (reason: string | undefined) => string | null {
  const t = useTranslations('playground')
  return useCallback(
    (reason) =>
      reason
        ? (KNOWN_REASONS as readonly string[]).includes(reason)
          ? t(`reasons.${reason as (typeof KNOWN_REASONS)[number]}`)
          : t('reasons.unknown', { reason })
        : null,
    [t],
  )
}
