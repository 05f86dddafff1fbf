import type { DataSourceRef, Panel, PrometheusTarget, Unit } from './model.js';

/** One series (or, in a table, one set of rows) of a panel. */
export interface Query {
  expr: string;
  /** Grafana's legend template, e.g. `{{route}}`. */
  legend: string;
}

/** A panel before it is placed on the grid: what it shows, and how wide it is (of 24 columns). */
export interface PanelSpec {
  type: Panel['type'];
  title: string;
  description: string;
  unit: Unit;
  queries: Query[];
  width: number;
  min?: number;
  max?: number;
}

interface PanelOptions {
  title: string;
  description: string;
  unit: Unit;
  queries: Query[];
  /** Columns of the 24-column grid; default 8 (three panels a row). */
  width?: number;
  min?: number;
  max?: number;
}

const spec = (type: Panel['type'], options: PanelOptions): PanelSpec => ({ ...options, type, width: options.width ?? 8 });

/** Series over time. */
export const timeSeries = (options: PanelOptions): PanelSpec => spec('timeseries', options);
/** The latest value of each series, large. */
export const stat = (options: PanelOptions): PanelSpec => spec('stat', options);
/** The latest value of each series, one row each with its labels. */
export const table = (options: PanelOptions): PanelSpec => spec('table', options);

const refIds = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function targets(panel: PanelSpec, datasource: DataSourceRef): PrometheusTarget[] {
  return panel.queries.map((query, index) => {
    const target: PrometheusTarget = { refId: refIds.charAt(index), datasource, expr: query.expr, legendFormat: query.legend };
    if (panel.type === 'table') Object.assign(target, { instant: true, range: false, format: 'table' });
    return target;
  });
}

const optionsByType: Record<Panel['type'], Record<string, unknown>> = {
  timeseries: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
  stat: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', textMode: 'auto' },
  table: { showHeader: true, cellHeight: 'sm' },
};

/** The panel's JSON at `gridPos`, reading from `datasource`. */
export function renderPanel(panel: PanelSpec, id: number, gridPos: Panel['gridPos'], datasource: DataSourceRef): Panel {
  const defaults: Panel['fieldConfig']['defaults'] = { unit: panel.unit };
  if (panel.min !== undefined) defaults.min = panel.min;
  if (panel.max !== undefined) defaults.max = panel.max;
  return {
    id,
    type: panel.type,
    title: panel.title,
    description: panel.description,
    datasource,
    gridPos,
    targets: targets(panel, datasource),
    fieldConfig: { defaults, overrides: [] },
    options: optionsByType[panel.type],
  };
}
