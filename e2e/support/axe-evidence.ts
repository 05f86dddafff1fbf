import type { AxeResults, ImpactValue, Result } from 'axe-core';

// axe-core's results turned into report attachments QA can read without opening DevTools: a
// one-line verdict for the attachment's name, a plain-text summary, and the JSON without the
// inapplicable rules and the node checks' internals (which make a page's results megabytes).

const impacts: ImpactValue[] = ['critical', 'serious', 'moderate', 'minor'];

/** The attachment's name says what was found, never more than that. */
export function axeVerdict(rulesPassed: number, seriousOrCritical: number): string {
  const found = seriousOrCritical === 0 ? 'no serious or critical violations' : `${seriousOrCritical} serious or critical ${seriousOrCritical === 1 ? 'violation' : 'violations'}`;
  return `${rulesPassed} rules passed, ${found}`;
}

function countByImpact(results: Result[]): string {
  return impacts.map((impact) => `${results.filter((result) => result.impact === impact).length} ${impact}`).join(', ');
}

function listRules(results: Result[]): string[] {
  return results.map((result) => {
    const elements = result.nodes.map((node) => node.target.join(' ')).slice(0, 5);
    const more = result.nodes.length > elements.length ? ` and ${result.nodes.length - elements.length} more` : '';
    return `  - [${result.impact ?? 'no impact'}] ${result.id}: ${result.help} (${result.nodes.length} ${result.nodes.length === 1 ? 'element' : 'elements'}: ${elements.join(', ')}${more}) ${result.helpUrl}`;
  });
}

export function axeSummary(pageName: string, results: AxeResults): string {
  return [
    `axe-core ${results.testEngine.version} on the ${pageName}: ${results.url}`,
    `Rules: WCAG 2.0 A and AA. Viewport ${results.testEnvironment.windowWidth}x${results.testEnvironment.windowHeight}.`,
    '',
    `Passed: ${results.passes.length} rules (${results.passes.map((result) => result.id).join(', ')})`,
    `Needs review (incomplete): ${results.incomplete.length} rules${results.incomplete.length === 0 ? '' : ` — ${countByImpact(results.incomplete)}`}`,
    ...listRules(results.incomplete),
    `Violations: ${results.violations.length} rules — ${countByImpact(results.violations)}`,
    ...listRules(results.violations),
    `Inapplicable: ${results.inapplicable.length} rules`,
  ].join('\n');
}

function trimmed(results: Result[]): unknown[] {
  return results.map((result) => ({
    id: result.id,
    impact: result.impact ?? null,
    help: result.help,
    helpUrl: result.helpUrl,
    nodes: result.nodes.map((node) => ({ target: node.target, html: node.html, failureSummary: node.failureSummary })),
  }));
}

export function axeEvidence(results: AxeResults): unknown {
  return {
    url: results.url,
    timestamp: results.timestamp,
    engine: results.testEngine.version,
    viewport: { width: results.testEnvironment.windowWidth, height: results.testEnvironment.windowHeight },
    passes: results.passes.map((result) => ({ id: result.id, elements: result.nodes.length })),
    incomplete: trimmed(results.incomplete),
    violations: trimmed(results.violations),
    inapplicable: results.inapplicable.map((result) => result.id),
  };
}
