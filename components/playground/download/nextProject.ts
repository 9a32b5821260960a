// A playground's files as a complete Next.js 16 project: exact versions, Next's default tsconfig,
// and the live server's @/lib/db and @/lib/auth as real modules with the same API.
import { DB_SOURCE } from './runtimeLibs'

/** The versions the conformance app (conformance/package.json) is tested with. */
export const NEXT_APP_VERSIONS = {
  next: '16.4.6',
  react: '19.2.9',
  'react-dom': '19.2.9',
  zod: '4.6.7',
  'server-only': '0.0.1',
  'client-only': '0.0.1',
} as const

export const NEXT_APP_DEV_VERSIONS = {
  typescript: '5.9.3',
  '@types/node': '20.19.43',
  '@types/react': '19.2.6',
  '@types/react-dom': '19.2.6',
} as const

const AUTH_SOURCE = `// The live server's @/lib/auth, on Next's own cookies(): the "live_user" cookie says who is signed
// in. Sign in from the browser console with  document.cookie = 'live_user=user_1; path=/'
import { cookies } from 'next/headers'
import { peek } from './db'

export const AUTH_COOKIE = 'live_user'

export const DEMO_USERS = [
  { id: 'user_1', name: 'Ada Lovelace', imageUrl: '/avatars/ada.svg' },
  { id: 'user_2', name: 'Alan Turing', imageUrl: '/avatars/alan.svg' },
]

export interface User {
  id: string
  name: string
  imageUrl: string | null
}

async function signedInId(): Promise<string | null> {
  const value = (await cookies()).get(AUTH_COOKIE)?.value
  return value ? value : null
}

export async function auth(): Promise<{ userId: string | null }> {
  return { userId: await signedInId() }
}

export async function currentUser(): Promise<User | null> {
  const id = await signedInId()
  if (!id) return null
  const row = (peek('user', id) || peek('users', id) || DEMO_USERS.find((u) => u.id === id)) as
    | { id: string; name?: string; imageUrl?: string | null }
    | undefined
  if (!row) return { id, name: id, imageUrl: null }
  return { id: row.id, name: row.name ?? id, imageUrl: row.imageUrl ?? null }
}
`

const NEXT_CONFIG = `import type { NextConfig } from 'next'

const nextConfig: NextConfig = {}

export default nextConfig
`

/** The tsconfig.json \`create-next-app\` writes for Next 16. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2017',
    lib: ['dom', 'dom.iterable', 'esnext'],
    allowJs: true,
    skipLibCheck: true,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: 'esnext',
    moduleResolution: 'bundler',
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: 'react-jsx',
    incremental: true,
    plugins: [{ name: 'next' }],
    paths: { '@/*': ['./*'] },
  },
  include: [
    'next-env.d.ts',
    '**/*.ts',
    '**/*.tsx',
    '.next/types/**/*.ts',
    '.next/dev/types/**/*.ts',
  ],
  exclude: ['node_modules'],
}

const DEFAULT_LAYOUT = `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`

/** "What may cross the boundary" → "what-may-cross-the-boundary" (npm package name rules). */
export function packageName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return slug || 'server-actions-example'
}

function readme(title: string, files: string[]): string {
  return `# ${title}

A Server Actions example from "Server Actions, live", as a complete Next.js 16 app.

\`\`\`sh
npm install && npm run dev
\`\`\`

then open <http://localhost:3000>. \`npm run build && npm start\` runs it in production mode.

## Files

${files.map((f) => `- \`${f}\``).join('\n')}

\`lib/db.ts\` is the playground's in-memory database (a small Prisma-like API: \`db.<collection>\`
with \`create\`, \`findMany\`, \`findUnique\`, \`update\`, \`delete\`, \`count\`…); its data lives as long
as the server process. \`lib/auth.ts\` reads the \`live_user\` cookie: sign in as a demo user from the
browser console with \`document.cookie = 'live_user=user_1; path=/'\`. Replace both with your
database and your auth library when the example grows into an app.
`
}

/**
 * Sandpack's files ({ '/app/page.tsx': code }, hidden ones already left out) → the project's
 * files, by path. The playground's own lib/db.ts, lib/auth.ts or next.config.ts win over the
 * defaults.
 */
export function nextProjectFiles(files: Record<string, string>, title: string) {
  const out: Record<string, string> = {}
  for (const [path, code] of Object.entries(files)) out[path.replace(/^\/+/, '')] = code
  const usesImport = (name: string) =>
    Object.values(out).some((code) => new RegExp(`from\\s+['"]${name}['"]`).test(code))
  if (!Object.keys(out).some((p) => /^app\/layout\.(tsx|jsx|ts|js)$/.test(p)))
    out['app/layout.tsx'] = DEFAULT_LAYOUT
  if (!out['lib/db.ts']) out['lib/db.ts'] = DB_SOURCE
  if (!out['lib/auth.ts']) out['lib/auth.ts'] = AUTH_SOURCE
  const dependencies: Record<string, string> = {
    next: NEXT_APP_VERSIONS.next,
    react: NEXT_APP_VERSIONS.react,
    'react-dom': NEXT_APP_VERSIONS['react-dom'],
  }
  for (const name of ['zod', 'server-only', 'client-only'] as const)
    if (usesImport(name)) dependencies[name] = NEXT_APP_VERSIONS[name]
  const listed = Object.keys(out).sort()
  out['package.json'] = `${JSON.stringify(
    {
      name: packageName(title),
      version: '0.1.0',
      private: true,
      scripts: { dev: 'next dev', build: 'next build', start: 'next start' },
      dependencies,
      devDependencies: { ...NEXT_APP_DEV_VERSIONS },
    },
    null,
    2,
  )}\n`
  // A playground's own config (cacheComponents, taint, serverActions) is part of the example.
  if (!out['next.config.ts']) out['next.config.ts'] = NEXT_CONFIG
  out['tsconfig.json'] = `${JSON.stringify(TSCONFIG, null, 2)}\n`
  out['.gitignore'] = 'node_modules/\n.next/\nnext-env.d.ts\n*.tsbuildinfo\n'
  out['README.md'] = readme(title, listed)
  return out
}
