export default {
  index: 'Home',
  intro: 'Introduction'
}
