export function projectNodeVersion(file?: string): string;
export function runtimePackage(version: string, platform?: string, arch?: string): string;
export function projectNodeBin(version?: string): string | null;
export function runUnderProjectNode(scriptUrl: string): Promise<void>;
