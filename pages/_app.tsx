import type { AppProps } from 'next/app'
import { IntlProvider } from '../components/i18n/IntlProvider'

export default function App({ Component, pageProps }: AppProps) {
  return (
    <IntlProvider>
      <Component {...pageProps} />
    </IntlProvider>
  )
}
