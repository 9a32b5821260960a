import Document, { Head, Html, Main, NextScript, type DocumentContext } from 'next/document'
import { toLocale } from '../components/i18n/locales'

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
        <Head />
        <body>
          <Main />
          <NextScript />
        </body>
      </Html>
    )
  }
}
