import Document, { Head, Html, Main, NextScript, type DocumentContext } from 'next/document'
import { toLocale } from '../components/i18n/locales'
import { EARLY_INPUT_SCRIPT } from '../components/playground/readerPresence'

type Props = { lang: string }

// Nextra unsets Next's i18n, so <html lang> comes from the locale folder in the path.
export default class SiteDocument extends Document<Props> {
  static async getInitialProps(ctx: DocumentContext) {
    const initial = await Document.getInitialProps(ctx)
    return { ...initial, lang: toLocale((ctx.asPath ?? '/').split('/')[1]) }
  }

  render() {
    return (
      <Html lang={this.props.lang}>
        <Head>
          {/* Playgrounds start on a reader's first input: count it from the first paint. */}
          <script dangerouslySetInnerHTML={{ __html: EARLY_INPUT_SCRIPT }} />
        </Head>
        <body>
          <Main />
          <NextScript />
        </body>
      </Html>
    )
  }
}
