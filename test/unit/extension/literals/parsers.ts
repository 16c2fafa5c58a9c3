import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Real-parser checks for encoded literals, shared by the unit tests and the VS Code tests: what
 * TypeScript, CPython and Go make of a literal, independently of the extension's own decoder.
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

/**
 * What `tsc --noEmit --strict` says of one source file on its own (ES2022 with the DOM library, as a
 * browser or Node 18+ script sees `fetch`): every syntactic and type error, none when it compiles.
 */
export function typescriptCompileErrors(fileName: string): string[] {
  const options: ts.CompilerOptions = { noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true };
  const program = ts.createProgram([fileName], options);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
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

const GO_EVAL = `package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
)

type result struct {
	Value *string \`json:"value,omitempty"\`
	Error string  \`json:"error,omitempty"\`
}

func unquote(expr ast.Expr) result {
	lit, ok := expr.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return result{Error: "not a string literal"}
	}
	value, err := strconv.Unquote(lit.Value)
	if err != nil {
		return result{Error: err.Error()}
	}
	return result{Value: &value}
}

// With no arguments: a JSON array of literal tokens on stdin, one result each on stdout.
// With FILE NAME: the string assigned to the package variable NAME in FILE.
func main() {
	out := json.NewEncoder(os.Stdout)
	if len(os.Args) == 3 {
		file, err := parser.ParseFile(token.NewFileSet(), os.Args[1], nil, 0)
		if err != nil {
			_ = out.Encode(result{Error: err.Error()})
			return
		}
		for _, decl := range file.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok {
				for _, spec := range gen.Specs {
					if v, ok := spec.(*ast.ValueSpec); ok && len(v.Names) == 1 && v.Names[0].Name == os.Args[2] && len(v.Values) == 1 {
						_ = out.Encode(unquote(v.Values[0]))
						return
					}
				}
			}
		}
		_ = out.Encode(result{Error: "no variable " + os.Args[2]})
		return
	}
	var tokens []string
	if err := json.NewDecoder(os.Stdin).Decode(&tokens); err != nil {
		panic(err)
	}
	results := make([]result, len(tokens))
	for i, t := range tokens {
		expr, err := parser.ParseExpr(t)
		if err != nil {
			results[i] = result{Error: err.Error()}
		} else {
			results[i] = unquote(expr)
		}
	}
	_ = out.Encode(results)
}
`;

type GoResult = { value: string } | { error: string };

let goProgram: string | undefined;

/** The Go program above, built once per test process (a path argument ending in .go would confuse `go run`). */
function goBinary(): string {
  if (goProgram === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'opro-go-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'unquote.go'), GO_EVAL);
    // GO111MODULE=off: a lone file, no module to resolve.
    execFileSync('go', ['build', '-o', join(dir, 'unquote'), join(dir, 'unquote.go')], { encoding: 'utf8', env: { ...process.env, GO111MODULE: 'off' } });
    goProgram = join(dir, 'unquote');
  }
  return goProgram;
}

/** Runs the Go program (go/parser, then strconv.Unquote, as the compiler reads literals). */
function runGo(args: readonly string[], input: string): unknown {
  return JSON.parse(execFileSync(goBinary(), args, { input, encoding: 'utf8' }));
}

/**
 * What Go reads from each literal token, or why it fails. Needs the `go` tool (Debian: golang-go;
 * `.ci/run` installs it).
 */
export function goLiteralValues(tokens: readonly string[]): GoResult[] {
  return runGo([], JSON.stringify(tokens)) as GoResult[];
}

/** What Go reads as the string assigned to package variable `name` in a file; throws when the file does not parse. */
export function goAssignedValue(file: string, name: string): string {
  const out = runGo([file, name], '') as GoResult;
  if ('error' in out) {
    throw new Error(`${file}: ${out.error}`);
  }
  return out.value;
}
