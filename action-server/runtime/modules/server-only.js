// `import 'server-only'` is allowed on the server and does nothing here.
export {}
