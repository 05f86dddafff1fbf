import { parseDocument } from 'yaml';
import { parseEnvironmentFile } from './load.js';
import type { Environment } from './schema.js';

/**
 * Returns the environment file's text with `image.digest` replaced (and any `image.tag`
 * removed), keeping comments and key order, after validating the result. For the release
 * workflow and the promotion tool: they change this one value and nothing else.
 */
export function withImageDigest(file: string, text: string, digest: string): { text: string; environment: Environment } {
  parseEnvironmentFile(file, text);
  const document = parseDocument(text);
  document.setIn(['image', 'digest'], digest);
  document.deleteIn(['image', 'tag']);
  const updated = document.toString();
  return { text: updated, environment: parseEnvironmentFile(file, updated) };
}
