import type { DataSourceRef, DatasourceVariable, QueryVariable } from './model.js';
import { namespaceVariable } from './promql.js';

/** Which Prometheus the panels read: any of the instance's Prometheus data sources. */
export const datasourceVariable: DatasourceVariable = {
  type: 'datasource',
  name: 'datasource',
  label: 'Data source',
  query: 'prometheus',
  hide: 0,
  current: {},
  refresh: 1,
  regex: '',
};

/** Every panel's data source: the one the variable above picks. */
export const selectedDatasource: DataSourceRef = { type: 'prometheus', uid: `\${${datasourceVariable.name}}` };

/**
 * The storefront's namespace, one per environment (`storefront-<env>`). Offered from the
 * namespaces that export `storefront_build_info`, so only namespaces running the shop appear;
 * `current` opens the dashboard on its own environment's.
 */
export function environmentVariable(namespace: string): QueryVariable {
  const query = `label_values(storefront_build_info, ${namespaceVariable})`;
  return {
    type: 'query',
    name: namespaceVariable,
    label: 'Environment (namespace)',
    datasource: selectedDatasource,
    query,
    definition: query,
    hide: 0,
    current: { text: namespace, value: namespace },
    refresh: 2,
    sort: 1,
    multi: false,
    includeAll: false,
    regex: '',
  };
}
