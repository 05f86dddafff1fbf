import { parser } from '@prometheus-io/lezer-promql';

// The metric names a PromQL expression reads, from Prometheus's own PromQL grammar (the parser
// its web UI uses), so a dashboard or rule query can be checked against what the app exports.

/** Grafana's variables replaced by values PromQL accepts: `$__rate_interval` a duration, any other `$name` / `${name}` a label value. */
export function withoutGrafanaVariables(expr: string): string {
  return expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m').replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, 'variable');
}

function unquote(literal: string): string {
  return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replaceAll('"', '\\"')}"` : literal.startsWith('`') ? JSON.stringify(literal.slice(1, -1)) : literal) as string;
}

/**
 * Every metric name `expr` selects: `name{…}` and `{__name__="name"}`. Throws, naming the
 * expression and the offset, when it does not parse or selects metrics by a pattern (which no
 * check could hold to an exported name).
 */
export function metricNames(expr: string): string[] {
  const tree = parser.parse(expr);
  const names: string[] = [];
  const problems: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) problems.push(`does not parse at offset ${String(node.from)} ("${expr.slice(Math.max(0, node.from - 10), node.to + 10)}")`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(expr.slice(node.from, node.to));
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        const text = expr.slice(node.from, node.to);
        const match = /^\s*"?__name__"?\s*(=~|!=|!~|=)\s*(.+)$/s.exec(text);
        if (match === null) return;
        if (match[1] !== '=') problems.push(`selects metric names by ${String(match[1])}: ${text}`);
        else names.push(unquote((match[2] ?? '').trim()));
      }
    },
  });
  if (problems.length > 0) throw new Error(`PromQL ${JSON.stringify(expr)}: ${problems.join('; ')}`);
  return names;
}
