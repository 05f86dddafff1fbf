import type { AnnotationQuery } from './model.js';
import { selector } from './promql.js';
import { selectedDatasource } from './variables.js';

const releaseLabels = 'version, revision, digest';
/** How far back a release must be absent to count as new; also the annotation's step, so each deploy marks once. */
const window = '5m';

/**
 * A marker wherever a release (a `storefront_build_info` label set) runs that did not run
 * `window` earlier: the first pod of every deploy or rollback, on every time-series panel.
 */
export const deployMarkers: AnnotationQuery = {
  name: 'Deploys',
  datasource: selectedDatasource,
  enable: true,
  hide: false,
  iconColor: 'rgba(255, 152, 48, 1)',
  expr: `count by (${releaseLabels}) (${selector('storefront_build_info')}) unless count by (${releaseLabels}) (${selector('storefront_build_info')} offset ${window})`,
  step: window,
  titleFormat: 'Deploy {{version}}',
  textFormat: 'revision {{revision}}, image {{digest}}',
  tagKeys: 'version',
  useValueForTime: false,
};
