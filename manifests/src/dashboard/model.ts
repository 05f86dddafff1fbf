// The part of Grafana's classic dashboard JSON model this dashboard uses (the model the
// Grafana sidecar provisions from files; Grafana migrates an older `schemaVersion` forward on
// load, never backward). Field names and enums as in Grafana's dashboard schema
// (kinds/dashboard/dashboard_kind.cue): GridPos w ≤ 24 and x < 24, variable `hide` 0 | 1 | 2,
// `graphTooltip` 0 | 1 | 2.

export const schemaVersion = 39;

export interface DataSourceRef {
  type: 'prometheus';
  uid: string;
}

export interface GridPos {
  h: number;
  w: number;
  x: number;
  y: number;
}

export interface PrometheusTarget {
  refId: string;
  datasource: DataSourceRef;
  expr: string;
  legendFormat: string;
  /** A table of the latest values rather than series over time. */
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table';
}

export type Unit = 'reqps' | 'percentunit' | 's' | 'bytes' | 'short' | 'ops' | 'none';

export interface FieldConfig {
  defaults: { unit: Unit; min?: number; max?: number; decimals?: number };
  overrides: [];
}

export interface Panel {
  id: number;
  type: 'timeseries' | 'stat' | 'table';
  title: string;
  description: string;
  datasource: DataSourceRef;
  gridPos: GridPos;
  targets: PrometheusTarget[];
  fieldConfig: FieldConfig;
  options: Record<string, unknown>;
}

export interface RowPanel {
  id: number;
  type: 'row';
  title: string;
  collapsed: false;
  gridPos: GridPos;
  panels: [];
}

export interface DatasourceVariable {
  type: 'datasource';
  name: string;
  label: string;
  query: 'prometheus';
  hide: 0 | 1 | 2;
  current: Record<string, never>;
  refresh: 1;
  regex: string;
}

export interface QueryVariable {
  type: 'query';
  name: string;
  label: string;
  datasource: DataSourceRef;
  /** Grafana's Prometheus variable function, `label_values(metric, label)`. */
  query: string;
  definition: string;
  hide: 0 | 1 | 2;
  current: { text: string; value: string };
  /** 2: on time range change, so a namespace that just appeared is offered. */
  refresh: 2;
  sort: 1;
  multi: false;
  includeAll: false;
  regex: string;
}

export type Variable = DatasourceVariable | QueryVariable;

/** A Prometheus annotation query: an event wherever the expression has a value. */
export interface AnnotationQuery {
  name: string;
  datasource: DataSourceRef;
  enable: boolean;
  hide: boolean;
  iconColor: string;
  expr: string;
  step: string;
  titleFormat: string;
  textFormat: string;
  tagKeys: string;
  useValueForTime: false;
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: 'utc' | 'browser';
  editable: boolean;
  graphTooltip: 0 | 1 | 2;
  time: { from: string; to: string };
  refresh: string;
  schemaVersion: number;
  templating: { list: Variable[] };
  annotations: { list: AnnotationQuery[] };
  panels: (Panel | RowPanel)[];
  links: [];
}
