import type { AppProps } from 'next/app'
import { IntlProvider } from '../components/i18n/IntlProvider'
import '../components/site/transitionHydration'
import '../components/site/themeClassGuard'

export default function App({ Component, pageProps }: AppProps) {
  return (
    <IntlProvider>
      <Component {...pageProps} />
    </IntlProvider>
  )
}
