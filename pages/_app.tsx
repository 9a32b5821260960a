import type { AppProps } from 'next/app'
import { IntlProvider } from '../components/i18n/IntlProvider'
import '../components/site/transitionHydration'
import '../components/site/themeClassGuard'
import { installLinkPrefetchGate } from '../components/playground/linkPrefetch'

installLinkPrefetchGate()

export default function App({ Component, pageProps }: AppProps) {
  return (
    <IntlProvider>
      <Component {...pageProps} />
    </IntlProvider>
  )
}
