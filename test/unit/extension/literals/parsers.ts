import { execFileSync } from 'node:child_process';
import ts from 'typescript';

/**
 * Real-parser checks for encoded literals, shared by the unit tests and the VS Code tests: what
 * TypeScript and CPython make of a literal, independently of the extension's own decoder.
 */

/** TypeScript's syntax errors for a source file (none when it parses). */
export function typescriptSyntaxErrors(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/**
 * The value TypeScript reads from a string or template literal token; substitutions come back as
 * `${expr}` source so they compare with the extension's decoded values.
 */
export function typescriptLiteralValue(token: string): string {
  const file = ts.createSourceFile('x.ts', `x = ${token};`, ts.ScriptTarget.Latest, true);
  const errors = typescriptSyntaxErrors('x.ts', `x = ${token};`);
  if (errors.length > 0) {
    throw new Error(`${token} does not parse: ${errors.join('; ')}`);
  }
  const statement = file.statements[0] as ts.ExpressionStatement;
  const node = (statement.expression as ts.BinaryExpression).right;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => '${' + s.expression.getText(file) + '}' + s.literal.text).join('');
  }
  throw new Error(`${token} is not a string literal`);
}

const PYTHON_EVAL = `
import ast, json, sys
def render(node):
    if isinstance(node, ast.Constant):
        v = node.value
        return v.decode('utf-8') if isinstance(v, bytes) else v
    if isinstance(node, ast.JoinedStr):
        out = ''
        for part in node.values:
            if isinstance(part, ast.Constant):
                out += part.value
            else:
                out += '{' + ast.unparse(part.value) + '}'
        return out
    raise ValueError('not a string literal: ' + type(node).__name__)
results = []
for token in json.load(sys.stdin):
    try:
        results.append({'value': render(ast.parse('x = ' + token + '\\n').body[0].value)})
    except Exception as e:
        results.append({'error': type(e).__name__ + ': ' + str(e)})
json.dump(results, sys.stdout)
`;

/** What CPython reads from each literal token (f-string fields come back as `{expr}`), or why it fails. */
export function pythonLiteralValues(tokens: readonly string[]): ({ value: string } | { error: string })[] {
  const out = execFileSync('python3', ['-c', PYTHON_EVAL], { input: JSON.stringify(tokens), encoding: 'utf8' });
  return JSON.parse(out) as ({ value: string } | { error: string })[];
}

/** CPython's verdict on a whole file: undefined when it parses, else the SyntaxError text. */
export function pythonSyntaxError(file: string): string | undefined {
  try {
    execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1], encoding="utf-8").read())', file], { encoding: 'utf8', stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
}

const PYTHON_ASSIGNED = `
import ast, json, sys
source = open(sys.argv[1], encoding='utf-8').read()
tree = ast.parse(source)
for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == sys.argv[2] for t in node.targets):
        v = node.value
        if isinstance(v, ast.Constant):
            value = v.value.decode('utf-8') if isinstance(v.value, bytes) else v.value
        else:
            value = ''.join(p.value if isinstance(p, ast.Constant) else '{' + ast.unparse(p.value) + '}' for p in v.values)
        json.dump({'value': value}, sys.stdout)
        break
else:
    json.dump({'error': 'no assignment to ' + sys.argv[2]}, sys.stdout)
`;

/** What CPython reads as the string assigned to `name` in a file (f-string fields as `{expr}`); throws on a syntax error. */
export function pythonAssignedValue(file: string, name: string): string {
  const out = JSON.parse(execFileSync('python3', ['-c', PYTHON_ASSIGNED, file, name], { encoding: 'utf8' })) as { value?: string; error?: string };
  if (out.value === undefined) {
    throw new Error(out.error);
  }
  return out.value;
}

/** The value TypeScript reads from the initializer of variable `name` in a source file (which must parse). */
export function typescriptAssignedValue(fileName: string, text: string, name: string): string {
  const errors = typescriptSyntaxErrors(fileName, text);
  if (errors.length > 0) {
    throw new Error(`${fileName} does not parse: ${errors.join('; ')}`);
  }
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  let initializer: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      initializer = node.initializer;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (initializer === undefined) {
    throw new Error(`no variable ${name} in ${fileName}`);
  }
  return typescriptLiteralValue(initializer.getText(file));
}
