import { useTranslations } from 'next-intl'

export function Logo() {
  return <strong>{useTranslations('site')('name')}</strong>
}

export function Footer() {
  return <p className="text-sm">{useTranslations('site')('footer')}</p>
}
