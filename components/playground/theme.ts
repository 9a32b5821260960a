// One Sandpack theme for Nextra's light and dark modes: every value is a CSS variable that
// Playground.module.css sets under `html` and `html.dark`, so switching modes needs no re-render.
import type { SandpackTheme } from '@codesandbox/sandpack-react'

const v = (name: string) => `var(--pg-${name})`

export const playgroundTheme: SandpackTheme = {
  colors: {
    surface1: v('surface1'),
    surface2: v('surface2'),
    surface3: v('surface3'),
    disabled: v('disabled'),
    base: v('base'),
    clickable: v('clickable'),
    hover: v('hover'),
    accent: v('accent'),
    error: v('error'),
    errorSurface: v('error-surface'),
    warning: v('warning'),
    warningSurface: v('warning-surface'),
  },
  syntax: {
    plain: v('syntax-plain'),
    comment: { color: v('syntax-comment'), fontStyle: 'italic' },
    keyword: v('syntax-keyword'),
    tag: v('syntax-tag'),
    punctuation: v('syntax-punctuation'),
    definition: v('syntax-definition'),
    property: v('syntax-property'),
    static: v('syntax-static'),
    string: v('syntax-string'),
  },
  font: {
    body: 'inherit',
    mono: v('font-mono'),
    size: v('font-size'),
    lineHeight: v('line-height'),
  },
}
