export default {
  index: 'Startseite',
  intro: 'Einführung'
}
