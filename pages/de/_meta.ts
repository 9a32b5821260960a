export default {
  index: 'Startseite',
  intro: 'Einführung',
  conventions: 'Konventionen',
  forms: 'Formulare',
  'pending-states': 'Wartezustände',
  validation: 'Validierung',
  'optimistic-updates': 'Optimistische Updates',
  'event-handlers': 'Event-Handler und Effekte',
  errors: 'Fehler',
  revalidation: 'Revalidierung und Weiterleitungen',
  cookies: 'Cookies',
  security: 'Sicherheit',
}
