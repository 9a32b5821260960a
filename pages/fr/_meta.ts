export default {
  index: 'Accueil',
  intro: 'Introduction',
  conventions: 'Conventions',
  forms: 'Formulaires',
}
