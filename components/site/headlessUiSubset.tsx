// Headless UI as this site renders it: only its Button, behind Nextra's buttons (copy code, the
// sidebar and menu toggles). Nextra also imports its Combobox, Listbox, Menu, Popover and Tabs for
// widgets the site replaces or does not use (the search box and the locale and theme selects are
// ours; no `_meta` menu, no <Tabs>). They kept Floating UI, TanStack Virtual and most of React Aria
// in the _app chunk every page evaluates on load (issue 14). next.config.mjs resolves Nextra's
// imports of Headless UI here. One of the others rendered fails the build's prerender with the
// message below rather than shipping their weight again.
import type { ReactNode } from 'react'

export { Button } from '@headlessui/react'

function notBundled(name: string): () => ReactNode {
  const Component = (): ReactNode => {
    throw new Error(
      `Headless UI's ${name} is left out of this site's bundle (components/site/headlessUiSubset.tsx): ` +
        'a Nextra widget that uses it was turned on. Add it there or replace the widget.',
    )
  }
  Component.displayName = name
  return Component
}

export const Combobox = notBundled('Combobox')
export const ComboboxInput = notBundled('ComboboxInput')
export const ComboboxOption = notBundled('ComboboxOption')
export const ComboboxOptions = notBundled('ComboboxOptions')
export const Listbox = notBundled('Listbox')
export const ListboxButton = notBundled('ListboxButton')
export const ListboxOption = notBundled('ListboxOption')
export const ListboxOptions = notBundled('ListboxOptions')
export const Menu = notBundled('Menu')
export const MenuButton = notBundled('MenuButton')
export const MenuItem = notBundled('MenuItem')
export const MenuItems = notBundled('MenuItems')
export const Popover = notBundled('Popover')
export const PopoverButton = notBundled('PopoverButton')
export const PopoverPanel = notBundled('PopoverPanel')
export const Tab = notBundled('Tab')
export const TabGroup = notBundled('TabGroup')
export const TabList = notBundled('TabList')
export const TabPanel = notBundled('TabPanel')
export const TabPanels = notBundled('TabPanels')
