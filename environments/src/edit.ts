import { parseDocument } from 'yaml';
import { parseEnvironmentFile } from './load.js';
import type { Environment } from './schema.js';

/**
 * Returns the environment file's text with the release replaced: `image.digest` and
 * `image.revision` (the commit the image was built from; removed when unknown, so a digest
 * never keeps another release's revision) and any `image.tag` removed, keeping comments and key
 * order, after validating the result. For the release workflow and the promotion tool: they
 * change this one release and nothing else.
 */
export function withImageDigest(file: string, text: string, digest: string, revision?: string): { text: string; environment: Environment } {
  parseEnvironmentFile(file, text);
  const document = parseDocument(text);
  document.setIn(['image', 'digest'], digest);
  if (revision === undefined) document.deleteIn(['image', 'revision']);
  else document.setIn(['image', 'revision'], revision);
  document.deleteIn(['image', 'tag']);
  const updated = document.toString();
  return { text: updated, environment: parseEnvironmentFile(file, updated) };
}
