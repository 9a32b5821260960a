export default {
  index: 'Home',
  intro: 'Introduction',
  conventions: 'Conventions',
  forms: 'Forms',
}
