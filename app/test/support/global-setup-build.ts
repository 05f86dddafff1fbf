import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Process tests run the compiled server exactly as the image does, so build it first.
export default function setup(): void {
  const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(process.execPath, [path.join(appDir, '../node_modules/typescript/bin/tsc'), '-p', path.join(appDir, 'tsconfig.build.json')], { stdio: 'inherit' });
}
