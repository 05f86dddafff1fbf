import type { DataSourceRef, Panel, RowPanel } from './model.js';
import { renderPanel, type PanelSpec } from './panels.js';

/** A titled row of the dashboard and its panels, laid left to right, wrapping at 24 columns. */
export interface Section {
  title: string;
  panels: PanelSpec[];
}

const gridColumns = 24;
const panelHeight = 8;

/**
 * Places each section as a Grafana row followed by its panels, top to bottom, and numbers every
 * panel (ids are unique within the dashboard; Grafana links to a panel by its id).
 */
export function layOut(sections: readonly Section[], datasource: DataSourceRef): (Panel | RowPanel)[] {
  const placed: (Panel | RowPanel)[] = [];
  let y = 0;
  let id = 1;
  for (const section of sections) {
    placed.push({ id: id++, type: 'row', title: section.title, collapsed: false, gridPos: { h: 1, w: gridColumns, x: 0, y }, panels: [] });
    y += 1;
    let x = 0;
    for (const panel of section.panels) {
      if (panel.width < 1 || panel.width > gridColumns) throw new Error(`dashboard panel "${panel.title}": width ${String(panel.width)} is not 1 to ${String(gridColumns)} columns`);
      if (x + panel.width > gridColumns) {
        x = 0;
        y += panelHeight;
      }
      placed.push(renderPanel(panel, id++, { h: panelHeight, w: panel.width, x, y }, datasource));
      x += panel.width;
    }
    y += panelHeight;
  }
  return placed;
}
