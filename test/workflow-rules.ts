// The rules the workflow test enforces, separate so the test can prove each rule rejects
// what it should before applying it to the real workflows.

// npm commands that are not scripts of package.json.
const npmBuiltins = new Set(['ci', 'install', 'i', 'exec', 'audit', 'ls', 'view', 'pack', 'publish', 'config', 'cache', 'version', 'whoami']);
// Lifecycle scripts that `npm <name>` runs directly.
const lifecycleShortcuts = new Set(['test', 'start', 'stop', 'restart']);

/** Script names a shell snippet runs through npm: `npm run X`, `npm run-script X`, `npm test`. */
export function findNpmScripts(shell: string): string[] {
  const found: string[] = [];
  // Tokens, not one big regular expression: options may sit between `npm`, `run` and the name.
  const tokens = shell.split(/\s+/);
  const nextNonOption = (from: number): number => {
    let index = from;
    while (index < tokens.length && (tokens[index] ?? '').startsWith('-')) index += 1;
    return index;
  };
  for (let index = 0; index < tokens.length; index += 1) {
    if (tokens[index] !== 'npm') continue;
    const commandAt = nextNonOption(index + 1);
    const command = tokens[commandAt];
    if (command === undefined) break;
    if (command === 'run' || command === 'run-script') {
      const script = tokens[nextNonOption(commandAt + 1)];
      if (script !== undefined) found.push(script);
    } else if (lifecycleShortcuts.has(command) || !npmBuiltins.has(command)) {
      // An npm command this list does not know is more likely a typo than a feature.
      found.push(command);
    }
    index = commandAt;
  }
  return found;
}

/** `owner/repo[/path]@<40 hex>` or a local action; tags, branches, short SHAs and docker:// are not pinned. */
export function isPinnedUses(uses: string): boolean {
  if (uses.startsWith('./')) return true;
  const at = uses.lastIndexOf('@');
  if (at < 0 || uses.includes('://')) return false;
  const action = uses.slice(0, at);
  return action.split('/').length >= 2 && /^[0-9a-f]{40}$/.test(uses.slice(at + 1));
}

/**
 * A `uses:` line as Renovate's github-actions manager keeps it: the full commit SHA, then the
 * release it stands for in a comment, so a reviewer reads the version and Renovate updates both.
 */
export function isPinnedUsesLine(line: string): boolean {
  const statement = line.trim().replace(/^- /, '');
  if (!statement.startsWith('uses: ')) return false;
  const [uses = '', version, ...rest] = statement.slice('uses: '.length).split(' # ');
  if (rest.length > 0 || uses.includes(' ')) return false;
  if (uses.startsWith('./')) return version === undefined;
  return isPinnedUses(uses) && version !== undefined && /^v\d+\.\d+\.\d+$/.test(version);
}

/** Top-level `permissions:` must exist and grant nothing beyond read. */
export function permissionsAreReadOnly(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (permissions === null || typeof permissions !== 'object') return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}
