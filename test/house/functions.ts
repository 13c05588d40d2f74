/**
 * Named functions and their lengths across the workspace's source (tests, generated code and
 * migrations aside), for the house rule "no named function over 60 lines outside ECharts option
 * literals". `node test/house/functions.ts [N]` prints the longest N (default 10); the test in
 * house.e2e.test.ts holds the rule.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_FUNCTION_LINES = 60;

export interface NamedFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Source files git tracks: TypeScript and Vue, without tests, generated client code and migrations. */
function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '*.ts', '*.vue'], { cwd: root, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((f) => f && !/\.test\.ts$|\/migrations\/|\/src\/client\/|\/dist/.test(f) && !f.startsWith('packages/schema/codegen'));
}

/** A Vue file's script block, with the line it starts on. */
function scriptOf(file: string, text: string): { code: string; offset: number } | null {
  if (!file.endsWith('.vue')) return { code: text, offset: 0 };
  const m = /<script[^>]*>([\s\S]*?)<\/script>/.exec(text);
  return m ? { code: m[1]!, offset: text.slice(0, m.index).split('\n').length - 1 } : null;
}

function nameOf(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return undefined;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return undefined;
}

/** Every named function (declarations, methods, functions bound to a name) of the workspace, longest first. */
export function namedFunctions(): NamedFunction[] {
  const found: NamedFunction[] = [];
  for (const file of sourceFiles()) {
    const script = scriptOf(file, readFileSync(`${root}/${file}`, 'utf8'));
    if (!script) continue;
    const source = ts.createSourceFile(file, script.code, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const name = nameOf(node);
      if (name) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        found.push({ file, line: start + 1 + script.offset, name, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.toSorted((a, b) => b.lines - a.lines);
}

/** ECharts option builders are one object literal each (the rule leaves them out). */
export const isOptionLiteral = (f: NamedFunction): boolean => /^build\w*Option$/.test(f.name) && f.file.startsWith('packages/dashboard/');

if (import.meta.url === `file://${process.argv[1]}`) {
  const all = namedFunctions();
  const over = all.filter((f) => f.lines > MAX_FUNCTION_LINES && !isOptionLiteral(f));
  console.log(`${all.length} named functions; ${over.length} over ${MAX_FUNCTION_LINES} lines (ECharts option builders aside)`);
  for (const f of all.slice(0, Number(process.argv[2] ?? 10))) {
    console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line} ${f.name}${isOptionLiteral(f) ? ' (option literal)' : ''}`);
  }
}
