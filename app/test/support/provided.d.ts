// What the global setups hand to test files (see global-setup-*.ts).
declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite'; template: string } | { kind: 'postgres'; server: string; template: string };
  }
}

export {};
