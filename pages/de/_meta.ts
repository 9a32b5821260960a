export default {
  index: 'Startseite',
  intro: 'Einführung',
  conventions: 'Konventionen',
  forms: 'Formulare',
}
