// The developer panels, in tab order; each id is also its label's message key.
export const PANEL_IDS = ['browserConsole', 'serverConsole', 'network', 'cookies'] as const
export type PanelId = (typeof PANEL_IDS)[number]
