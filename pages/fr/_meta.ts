export default {
  index: 'Accueil',
  intro: 'Introduction',
  conventions: 'Conventions',
  forms: 'Formulaires',
  'pending-states': "États d'attente",
  validation: 'Validation',
  'optimistic-updates': 'Mises à jour optimistes',
  'event-handlers': "Gestionnaires d'événements et effets",
  errors: 'Erreurs',
  revalidation: 'Revalidation et redirections',
  cookies: 'Cookies',
  security: 'Sécurité',
}
