// Result comparison for the huntbook-vs-DuckDB benchmark: parses huntbook's CSV output,
// normalises values from both engines to one canonical text form, and compares results as
// sorted multisets of rows.
//
// Canonical forms: null/undefined -> "" (KQL strings have no null; a null long prints as an
// empty CSV field); numbers -> JS number text ("1.0" == "1"); datetimes in ISO or DuckDB form
// -> "YYYY-MM-DDTHH:MM:SS.fffffffZ" (7 fraction digits, KQL's tick precision); booleans ->
// "true"/"false"; anything else is compared as an exact string.

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(?:Z|[+-]00(?::?00)?)?$/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// Parses RFC 4180 CSV text (quoted fields may hold commas, quotes and newlines) into rows of
// strings. A trailing newline does not produce an empty row.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Canonical text of one value from either engine.
export function canonicalValue(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return canonicalValue(String(value));
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  const datetime = DATETIME.exec(value);
  if (datetime) {
    const fraction = (datetime[3] ?? '').padEnd(7, '0').slice(0, 7);
    return `${datetime[1]}T${datetime[2]}.${fraction}Z`;
  }
  if (NUMBER.test(value)) {
    const number = Number(value);
    // Keep integers beyond 2^53 exact.
    if (Number.isSafeInteger(number) || !/^-?\d+$/.test(value)) return String(number);
    return value.replace(/^(-?)0+(?=\d)/, '$1');
  }
  if (/^(true|false)$/i.test(value)) return value.toLowerCase();
  return value;
}

function cellsEqual(a, b, tolerance) {
  if (a === b) return true;
  if (tolerance === undefined || !NUMBER.test(a) || !NUMBER.test(b)) return false;
  const x = Number(a);
  const y = Number(b);
  return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y), 1);
}

// Picks `columns` out of a result ({columns, rows}) by name, falling back to position when a
// name is missing (then `positional` is true). Values come back canonical.
function project(result, columns, fallbackColumns) {
  const index = columns.map((name) => result.columns.indexOf(name));
  let positional = false;
  if (index.some((i) => i < 0)) {
    positional = true;
    for (let k = 0; k < columns.length; k++) index[k] = fallbackColumns.indexOf(columns[k]);
  }
  const rows = result.rows.map((row) => index.map((i) => canonicalValue(i < 0 ? undefined : row[i])));
  return { rows, positional };
}

// Compares huntbook's result with DuckDB's. Both are {columns: string[], rows: any[][]}.
// options.columns: names to compare (default: all of DuckDB's); options.tolerance: {name:
// relative tolerance}. Returns {ok, detail}: detail is a one-line summary for the table and,
// on a mismatch, says what differed first.
export function compareResults(huntbook, duckdb, options = {}) {
  const columns = options.columns ?? duckdb.columns;
  const tolerances = options.tolerance ?? {};
  const missing = columns.filter((name) => !huntbook.columns.includes(name));
  if (missing.length > 0 && huntbook.columns.length !== duckdb.columns.length) {
    return {
      ok: false,
      detail: `columns differ: huntbook [${huntbook.columns.join(', ')}], DuckDB [${duckdb.columns.join(', ')}]`,
    };
  }
  // When names differ but the column counts agree, compare by DuckDB's column positions.
  const hb = project(huntbook, columns, missing.length > 0 ? duckdb.columns : huntbook.columns);
  const duck = project(duckdb, columns, duckdb.columns);
  const note = hb.positional ? ' (by position: column names differ)' : '';
  if (hb.rows.length !== duck.rows.length) {
    return { ok: false, detail: `row count ${hb.rows.length} vs ${duck.rows.length}${note}` };
  }
  const exactColumns = columns.map((name, i) => (name in tolerances ? -1 : i)).filter((i) => i >= 0);
  const sortKey = (row) => exactColumns.map((i) => row[i]).join('\u0001');
  const order = (a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return Number(a[i]) - Number(b[i]) || (a[i] < b[i] ? -1 : 1);
    }
    return 0;
  };
  hb.rows.sort(order);
  duck.rows.sort(order);
  let mismatches = 0;
  let first = '';
  for (let r = 0; r < hb.rows.length; r++) {
    for (let c = 0; c < columns.length; c++) {
      if (cellsEqual(hb.rows[r][c], duck.rows[r][c], tolerances[columns[c]])) continue;
      if (mismatches === 0) {
        first = `first at sorted row ${r}, ${columns[c]}: ${JSON.stringify(hb.rows[r][c])} vs ${JSON.stringify(duck.rows[r][c])}`;
      }
      mismatches++;
      break;
    }
  }
  if (mismatches > 0) {
    return { ok: false, detail: `${mismatches} of ${hb.rows.length} rows differ; ${first}${note}` };
  }
  const approx = Object.keys(tolerances).length > 0 ? ' (within tolerance)' : '';
  return { ok: true, detail: `${hb.rows.length} rows${approx}${note}` };
}
