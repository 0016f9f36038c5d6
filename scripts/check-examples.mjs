#!/usr/bin/env node
// Enforces the house rule for TSDoc: every export is documented, and every `@example` compiles.
//
// 1. Examples. Every fenced ```ts block inside an `@example` tag in src/**/*.ts is written to its
//    own module under node_modules/.cache/ordermachine-examples/run-*/ (named after the source
//    file and line; set ORDERMACHINE_KEEP_EXAMPLES=1 to keep them for inspection), and all of
//    them are type-checked in ONE program with the repo's strict tsconfig, with `ordermachine`,
//    `ordermachine/testing`, `ordermachine/postgres` and `ordermachine/webhook`
//    mapped to their src/ entry files. Unused locals and parameters are allowed (snippets often
//    just show a call); everything else is as strict as the library itself. Errors are reported
//    at src/<file>.ts:<line>:<column> of the snippet line.
// 2. Coverage. Every `export function|const|let|class|enum` declaration in src/**/*.ts needs a
//    TSDoc block with a summary and an `@example` (and, for functions, a `@param` for every
//    named parameter), unless it is tagged `@internal` or its file's `@module` /
//    `@packageDocumentation` comment is. Every `export interface|type` needs a TSDoc block with a
//    summary. An `@internal` declaration must not be reachable from a public entry (TypeDoc runs
//    with excludeInternal, so it would silently vanish from the API docs).
//
// Exits 1 on any finding; prints the number of examples checked on success.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const cacheDir = join(root, 'node_modules', '.cache', 'ordermachine-examples');
/** Set to keep the generated example modules after the run, for debugging. */
const KEEP = Boolean(process.env.ORDERMACHINE_KEEP_EXAMPLES);

/** Public entry points: import specifier → source file. */
const ENTRIES = {
  ordermachine: 'src/index.ts',
  'ordermachine/testing': 'src/testing.ts',
  'ordermachine/postgres': 'src/postgres.ts',
  'ordermachine/webhook': 'src/webhook.ts',
};

/** Fence languages that are type-checked. */
const TS_FENCE = /^```\s*(ts|typescript)\s*$/i;
const ANY_FENCE = /^```/;

const rel = (file) => relative(root, file).split(sep).join('/');
const problems = []; // { file, line, column?, message }

// ── collect sources ───────────────────────────────────────────────────────────────────────

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

// Read once: the program below is served the same text, so positions agree even while src/ is
// being edited.
const srcFiles = walk(srcDir);
const srcText = new Map(srcFiles.map((file) => [resolve(file), readFileSync(file, 'utf8')]));
const sourceFiles = srcFiles.map((file) => ts.createSourceFile(file, srcText.get(resolve(file)), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));

// ── doc comments ──────────────────────────────────────────────────────────────────────────

/**
 * Every `/** … *\/` comment in a file, found through the trivia of every token (so text inside
 * strings and template literals is never mistaken for a comment).
 */
function docCommentsOf(sf) {
  const text = sf.text;
  const seen = new Map();
  const add = (ranges) => {
    for (const r of ranges ?? []) {
      if (r.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**', r.pos) && !text.startsWith('/**/', r.pos)) {
        seen.set(r.pos, r);
      }
    }
  };
  const visit = (node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(sf);
  return [...seen.values()].sort((a, b) => a.pos - b.pos).map((r) => parseDoc(sf, r));
}

/**
 * Splits a doc comment into lines with the `/**`, ` * ` and `*\/` decoration removed, keeping
 * for each line its 0-based line number in the file and the column where the content starts.
 */
function parseDoc(sf, range) {
  const raw = sf.text.slice(range.pos, range.end);
  const firstLine = sf.getLineAndCharacterOfPosition(range.pos).line;
  const firstCol = sf.getLineAndCharacterOfPosition(range.pos).character;
  const lines = raw.split(/\r?\n/).map((line, i) => {
    let col = i === 0 ? firstCol : 0;
    let rest = line;
    if (i === 0) {
      rest = rest.slice(3); // '/**'
      col += 3;
    }
    const m = /^(\s*\*(?!\/) ?)/.exec(rest);
    if (i > 0 && m) {
      rest = rest.slice(m[1].length);
      col += m[1].length;
    }
    if (rest.trimEnd().endsWith('*/')) rest = rest.trimEnd().slice(0, -2);
    return { text: rest, line: firstLine + i, col };
  });
  return { pos: range.pos, end: range.end, line: firstLine, lines };
}

/** TSDoc modifier tags: they carry no content and may stand anywhere, e.g. `/** Helper. @internal *\/`. */
const MODIFIER_TAG = /(^|\s)@(internal|public|alpha|beta|experimental|readonly|sealed|virtual|override|eventProperty|packageDocumentation)\b/g;

/**
 * Block tags (`@param`, `@example`, …) and modifier tags of a doc, ignoring `@` inside code
 * fences and inline code spans.
 */
function blocksOf(doc) {
  const summary = [];
  const tags = [];
  let current = null;
  let inFence = false;
  for (const l of doc.lines) {
    const trimmed = l.text.trim();
    const isFence = ANY_FENCE.test(trimmed);
    let text = l.text;
    if (!inFence && !isFence) {
      const prose = text.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
      for (const m of prose.matchAll(MODIFIER_TAG)) tags.push({ name: m[2], line: l.line, first: '', lines: [] });
      text = [...prose.matchAll(MODIFIER_TAG)].reduceRight((t, m) => t.slice(0, m.index) + t.slice(m.index + m[0].length), text);
    }
    const tag = !inFence ? /^@(\w+)\b(.*)$/.exec(text.trim()) : null;
    if (tag) {
      current = { name: tag[1], line: l.line, first: tag[2].trim(), lines: [] };
      tags.push(current);
    } else {
      (current ? current.lines : summary).push({ ...l, text });
    }
    if (isFence) inFence = !inFence;
  }
  return { summary: summary.map((l) => l.text).join('\n').trim(), tags };
}

// ── 1. extract examples ───────────────────────────────────────────────────────────────────

const examples = []; // { file, name, startLine, lineMap: [{ line, col }], code }

for (const sf of sourceFiles) {
  for (const doc of docCommentsOf(sf)) {
    const { tags } = blocksOf(doc);
    for (const tag of tags.filter((t) => t.name === 'example')) {
      let fence = null;
      let found = 0;
      for (const l of tag.lines) {
        const trimmed = l.text.trim();
        if (fence === null) {
          if (TS_FENCE.test(trimmed)) fence = { open: l, body: [] };
          else if (ANY_FENCE.test(trimmed)) fence = { open: l, body: [], skip: true };
          continue;
        }
        if (ANY_FENCE.test(trimmed)) {
          if (!fence.skip) {
            found++;
            examples.push({ file: sf.fileName, startLine: fence.open.line, lines: fence.body });
          }
          fence = null;
          continue;
        }
        fence.body.push(l);
      }
      if (fence !== null) {
        problems.push({ file: sf.fileName, line: fence.open.line, message: '@example has an unclosed ``` fence' });
      } else if (found === 0) {
        problems.push({ file: sf.fileName, line: tag.line, message: '@example has no ```ts code block to check' });
      }
    }
  }
}

/** True when a snippet already is a module (has a top-level import or export). */
function isModule(code) {
  const sf = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isImportEqualsDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
}

// One directory per run, so concurrent runs (several engineers, editor + CI) never delete each
// other's files. Removed on exit unless ORDERMACHINE_KEEP_EXAMPLES is set.
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(join(cacheDir, 'run-'));
process.on('exit', () => {
  if (KEEP) console.error(`check-examples: example modules kept in ${rel(outDir)}`);
  else rmSync(outDir, { recursive: true, force: true });
});
const exampleByPath = new Map();
for (const ex of examples) {
  const base = rel(ex.file).replace(/^src\//, '').replace(/\.ts$/, '').replace(/[\/\\]/g, '__');
  const name = `${base}_L${ex.startLine + 1}.ts`;
  let code = ex.lines.map((l) => l.text).join('\n') + '\n';
  if (!isModule(code)) code += 'export {};\n';
  const path = join(outDir, name);
  writeFileSync(path, code);
  exampleByPath.set(resolve(path), ex);
}

// ── type-check all examples in one program ────────────────────────────────────────────────

const configPath = join(root, 'tsconfig.json');
const configFile = ts.readConfigFile(configPath, ts.sys.readFile);
if (configFile.error) {
  console.error(ts.formatDiagnostic(configFile.error, formatHost()));
  process.exit(1);
}
const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root, undefined, configPath);
const options = {
  ...parsed.options,
  noEmit: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  paths: Object.fromEntries(Object.entries(ENTRIES).map(([spec, file]) => [spec, [join(root, file)]])),
  // TS 5.x resolves `paths` without a baseUrl relative to this directory; the targets are absolute anyway.
  pathsBasePath: root,
};
delete options.baseUrl;

function formatHost() {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
}

const host = ts.createCompilerHost(options, true);
const readFile = host.readFile.bind(host);
host.readFile = (file) => srcText.get(resolve(file)) ?? readFile(file);
const program = ts.createProgram({ rootNames: [...exampleByPath.keys(), ...srcFiles], options, host });
const checker = program.getTypeChecker();

for (const d of program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics())) {
  problems.push({ file: null, line: 0, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), code: d.code });
}

const snippetLabel = (ex) => `${rel(ex.file)}:${ex.startLine + 1}`;

for (const [path, ex] of exampleByPath) {
  const sf = program.getSourceFile(path);
  if (!sf) {
    problems.push({ file: ex.file, line: ex.startLine, message: `example was not loaded (${rel(path)})` });
    continue;
  }
  const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file && d.start !== undefined && resolve(d.file.fileName) === path) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const mapped = ex.lines[line];
      problems.push({
        file: ex.file,
        line: mapped ? mapped.line : ex.startLine,
        column: mapped ? mapped.col + character : undefined,
        message: `${message} (in the @example at ${snippetLabel(ex)})`,
        code: d.code,
        source: mapped ? mapped.text : undefined,
      });
    } else {
      // A diagnostic located elsewhere (e.g. inside a resolved .d.ts) but caused by this example.
      const where = d.file && d.start !== undefined ? `${rel(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : 'unknown location';
      problems.push({ file: ex.file, line: ex.startLine, message: `${message} (at ${where}, from the @example at ${snippetLabel(ex)})`, code: d.code });
    }
  }
}

// ── 2. documentation coverage of exports ──────────────────────────────────────────────────

const hasExport = (node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The TSDoc block directly attached to a statement (the last `/**` among its leading comments). */
function docOf(sf, node) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
  const docs = ranges.filter((r) => r.kind === ts.SyntaxKind.MultiLineCommentTrivia && sf.text.startsWith('/**', r.pos));
  const last = docs.at(-1);
  return last ? parseDoc(sf, last) : null;
}

function declName(node) {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  return node.name ? node.name.getText() : 'default';
}

const declKey = (node) => `${resolve(node.getSourceFile().fileName)}:${node.pos}`;

/** Declarations reachable from a public entry: 'file:pos' of the statement → entry specifier. */
const publicDecls = new Map();
for (const [spec, file] of Object.entries(ENTRIES)) {
  const sf = program.getSourceFile(join(root, file));
  const moduleSymbol = sf && checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const decl of target.declarations ?? []) {
      const statement = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      if (!publicDecls.has(declKey(statement))) publicDecls.set(declKey(statement), spec);
    }
  }
}

/** Declarations tagged `@internal`, for the reachability check below. */
const internalDecls = new Map(); // 'file:pos' → { file, line, name }
let valueExports = 0;
let typeExports = 0;

for (const file of srcFiles) {
  const sf = program.getSourceFile(file);
  const statements = sf.statements.filter(hasExport);
  // A module comment (`@module` / `@packageDocumentation`) tagged `@internal` covers the whole file.
  const moduleDoc = docCommentsOf(sf)
    .map(blocksOf)
    .find((b) => b.tags.some((t) => t.name === 'module' || t.name === 'packageDocumentation'));
  const internalModule = moduleDoc?.tags.some((t) => t.name === 'internal') ?? false;
  // Overloads: the doc may sit on any one declaration of the name.
  const functionDocs = new Map();
  const functionDecls = new Map();
  for (const s of statements) {
    if (ts.isFunctionDeclaration(s) && s.name) {
      functionDecls.set(s.name.text, [...(functionDecls.get(s.name.text) ?? []), s]);
      const doc = docOf(sf, s);
      if (doc) functionDocs.set(s.name.text, [...(functionDocs.get(s.name.text) ?? []), doc]);
    }
  }
  for (const s of statements) {
    const isValue = ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isVariableStatement(s) || ts.isEnumDeclaration(s);
    const isType = ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s);
    if (!isValue && !isType) continue;
    // Overloads are one export: check the name once, at its first declaration.
    if (ts.isFunctionDeclaration(s) && s.name && functionDecls.get(s.name.text)?.[0] !== s) continue;
    const name = declName(s);
    const line = sf.getLineAndCharacterOfPosition(s.getStart(sf)).line;
    const kind = ts.isFunctionDeclaration(s) ? 'function' : ts.isClassDeclaration(s) ? 'class' : ts.isEnumDeclaration(s) ? 'enum' : ts.isVariableStatement(s) ? (s.declarationList.flags & ts.NodeFlags.Const ? 'const' : s.declarationList.flags & ts.NodeFlags.Let ? 'let' : 'var') : ts.isInterfaceDeclaration(s) ? 'interface' : 'type';
    const docs = ts.isFunctionDeclaration(s) && s.name ? (functionDocs.get(s.name.text) ?? []) : [docOf(sf, s)].filter(Boolean);
    const at = { file: sf.fileName, line };
    if (docs.length === 0) {
      problems.push({ ...at, message: `export ${kind} ${name} has no TSDoc comment (/** … */)` });
      continue;
    }
    const blocks = docs.map(blocksOf);
    if (internalModule || blocks.some((b) => b.tags.some((t) => t.name === 'internal'))) {
      internalDecls.set(declKey(s), { ...at, name });
      continue;
    }
    if (!blocks.some((b) => b.summary.length > 0)) {
      problems.push({ ...at, message: `export ${kind} ${name}: the TSDoc comment has no summary line` });
    }
    if (ts.isFunctionDeclaration(s)) {
      // Every named parameter is documented with `@param name - …`, and no `@param` is stale.
      const documented = new Set(blocks.flatMap((b) => b.tags.filter((t) => t.name === 'param').map((t) => /^(?:\{[^}]*\}\s*)?\[?([\w$.]+)/.exec(t.first)?.[1]?.split('.')[0])));
      const declared = s.parameters.filter((p) => ts.isIdentifier(p.name)).map((p) => p.name.text);
      for (const p of declared.filter((n) => !documented.has(n))) {
        problems.push({ ...at, message: `export function ${name}: parameter '${p}' has no @param` });
      }
      const all = new Set(functionDecls.get(name)?.flatMap((f) => f.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : null))) ?? declared);
      const hasPattern = s.parameters.some((p) => !ts.isIdentifier(p.name));
      for (const d of documented) {
        if (d && !all.has(d) && !hasPattern) problems.push({ ...at, message: `export function ${name}: @param ${d} names no parameter` });
      }
    }
    if (isValue) {
      valueExports++;
      if (!blocks.some((b) => b.tags.some((t) => t.name === 'example'))) {
        const entry = publicDecls.get(declKey(s));
        const hint = entry ? `public API from '${entry}'` : 'not exported from any entry: tag it @internal, or add an @example';
        problems.push({ ...at, message: `export ${kind} ${name} has no @example (${hint})` });
      }
    } else {
      typeExports++;
    }
  }
}

// `@internal` must not be used on something the public entries export.
for (const [key, info] of internalDecls) {
  const entry = publicDecls.get(key);
  if (entry) {
    problems.push({ ...info, message: `${info.name} is tagged @internal but is public API (exported from '${entry}'); document it with an @example instead` });
  }
}

// ── report ────────────────────────────────────────────────────────────────────────────────

if (problems.length > 0) {
  const seen = new Set();
  const sorted = problems
    .map((p) => ({ ...p, where: p.file ? `${rel(p.file)}:${p.line + 1}${p.column !== undefined ? `:${p.column + 1}` : ''}` : 'tsconfig' }))
    .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  for (const p of sorted) {
    const key = `${p.where} ${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    console.error(`${p.where} - error${p.code ? ` TS${p.code}` : ''}: ${p.message}`);
    if (p.source !== undefined) console.error(`    ${p.source.trim()}`);
  }
  console.error(`\ncheck-examples: ${seen.size} problem(s) in ${examples.length} example(s) and ${valueExports + typeExports} documented export(s).`);
  process.exit(1);
}

console.log(
  `check-examples: ${examples.length} @example block(s) type-checked; ${valueExports} value export(s) have examples, ${typeExports} type export(s) are documented, ${internalDecls.size} @internal export(s) skipped.`,
);
