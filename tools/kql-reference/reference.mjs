// Runs Microsoft's KQL front end (Kusto.Language, as npm ships it in
// @kusto/language-service-next) over queries and writes its verdict on each: the reference
// huntbook's parser and binder are measured against (docs/conformance.md).
//
//   node reference.mjs --schemas DIR [--columns union|documented] [FILE.jsonl]
//
// Input: JSON Lines (FILE, or stdin), one object per query. The text is `query_expanded` when
// the line has it (corpus template queries with their defaults filled in), else `query`.
// An `id` field is copied to the output; without one the output carries `line` (0-based).
//
// Output: one JSON object per input line, in order:
//   {"id"|"line", "parse_ok", "bind_ok", "first_error": null | {"message", "start", "length",
//    "code"}, "result_schema": null | [{"name", "type"}, ...]}
//   parse_ok      no syntax diagnostic of severity Error
//   bind_ok       no diagnostic of severity Error at all (syntax, names, types)
//   first_error   the first Error diagnostic in the order Kusto.Language reports them;
//                 start/length are UTF-16 offsets into the query text
//   result_schema the columns (name, Kusto type) of the query's result when it binds and the
//                 result is tabular (the last tabular statement); a scalar result is one
//                 column named "" with its type
//
// Database: every DIR/*.json table schema ({"name", "columns": [{"name", "type"}]}; files
// starting with '_' are skipped) becomes a table of one database, the default database of
// the GlobalState. A table's columns are `columns` plus the `advanced_hunting_columns` (the
// Defender XDR variant: Timestamp, DeviceId, ...) that `columns` lacks: the corpus's stored
// `reference` field was computed so (scripts/reference_corpus.py reproduces it exactly);
// --columns documented takes `columns` alone.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
// Bridge.NET output: bridge.js defines the runtime (global Bridge, System), the second file
// defines the global Kusto namespace.
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const Language = globalThis.Kusto.Language;
const Symbols = Language.Symbols;

function usage(message) {
  process.stderr.write(`reference.mjs: ${message}\n` +
      'usage: node reference.mjs --schemas DIR [--columns union|documented] [FILE.jsonl]\n');
  process.exit(2);
}

function parseArguments(argv) {
  const options = { schemas: null, columns: 'union', input: null };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--schemas' || arg === '--columns') {
      if (i + 1 >= argv.length) usage(`option ${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('-') && arg !== '-') {
      usage(`unknown option ${arg}`);
    } else if (options.input === null) {
      options.input = arg;
    } else {
      usage('at most one input file');
    }
  }
  if (options.schemas === null) usage('--schemas DIR is required');
  if (options.columns !== 'documented' && options.columns !== 'union') {
    usage(`--columns must be union or documented, not ${options.columns}`);
  }
  return options;
}

// Bridge.NET lists (IReadOnlyList<T>) become plain JS arrays.
function toArray(list) {
  return list === null || list === undefined ? [] : Bridge.toArray(list);
}

function scalarType(typeName, where) {
  const symbol = Symbols.ScalarTypes.GetSymbol(typeName);
  if (symbol === null) throw new Error(`${where}: unknown Kusto type '${typeName}'`);
  return symbol;
}

function loadGlobals(directory, columnsMode) {
  const tables = [];
  for (const file of readdirSync(directory).sort()) {
    if (!file.endsWith('.json') || file.startsWith('_')) continue;
    const schema = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    const where = join(directory, file);
    if (typeof schema.name !== 'string' || !Array.isArray(schema.columns)) {
      throw new Error(`${where}: expected "name" and "columns"`);
    }
    const seen = new Set();
    const columns = [];
    const add = (column) => {
      if (seen.has(column.name)) return;
      seen.add(column.name);
      columns.push(new Symbols.ColumnSymbol(column.name, scalarType(column.type, where), null,
                                            null, null, null));
    };
    schema.columns.forEach(add);
    if (columnsMode === 'union') (schema.advanced_hunting_columns ?? []).forEach(add);
    tables.push(new Symbols.TableSymbol.$ctor6(schema.name, columns, null));
  }
  const database = new Symbols.DatabaseSymbol.$ctor2('huntbook', null, tables);
  return Language.GlobalState.Default.WithDatabase(database);
}

function typeName(type) {
  return type === null ? 'unknown' : type.Name;
}

function resultSchema(type) {
  if (type === null) return null;
  if (type instanceof Symbols.TableSymbol) {
    return toArray(type.Columns).map((column) => ({ name: column.Name, type: typeName(column.Type) }));
  }
  return [{ name: '', type: typeName(type) }];
}

function firstError(diagnostics) {
  const error = diagnostics.find((d) => d.Severity === 'Error');
  if (error === undefined) return null;
  return {
    message: error.Message,
    start: error.HasLocation ? error.Start : null,
    length: error.HasLocation ? error.Length : null,
    code: error.Code,
  };
}

function verdict(text, globals) {
  const code = Language.KustoCode.ParseAndAnalyze(text, globals);
  const isError = (d) => d.Severity === 'Error';
  const parseOk = !toArray(code.GetSyntaxDiagnostics()).some(isError);
  const diagnostics = toArray(code.GetDiagnostics());
  const bindOk = !diagnostics.some(isError);
  return {
    parse_ok: parseOk,
    bind_ok: bindOk,
    first_error: firstError(diagnostics),
    result_schema: bindOk ? resultSchema(code.ResultType) : null,
  };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const globals = loadGlobals(options.schemas, options.columns);
  const input = options.input === null || options.input === '-'
      ? process.stdin
      : (await import('node:fs')).createReadStream(options.input);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    const index = number++;
    if (line.trim() === '') continue;
    const record = JSON.parse(line);
    const text = record.query_expanded ?? record.query;
    if (typeof text !== 'string') throw new Error(`input line ${index}: no "query" string`);
    const key = record.id !== undefined ? { id: record.id } : { line: index };
    process.stdout.write(JSON.stringify({ ...key, ...verdict(text, globals) }) + '\n');
  }
}

main().catch((error) => {
  process.stderr.write(`reference.mjs: ${error.stack ?? error}\n`);
  process.exit(1);
});
