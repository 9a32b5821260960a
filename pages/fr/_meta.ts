export default {
  index: 'Accueil',
  intro: 'Introduction'
}
