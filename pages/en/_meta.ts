export default {
  index: 'Home',
  intro: 'Introduction',
  conventions: 'Conventions',
  forms: 'Forms',
  'pending-states': 'Pending states',
  validation: 'Validation',
  'optimistic-updates': 'Optimistic updates',
  'event-handlers': 'Event handlers and effects',
  errors: 'Errors',
  revalidation: 'Revalidation and redirects',
  cookies: 'Cookies',
  security: 'Security',
}
