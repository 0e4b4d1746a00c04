// A small, honest subset of the Kusto Query Language as Azure Resource Graph speaks it:
//
//   query     := table ( '|' operator )*
//   operator  := where <predicate> | project <column> (',' <column>)*
//              | (order | sort) by <column> [asc | desc] (',' ...)* | (limit | take) <integer>
//   predicate := terms joined by 'and' / 'or' (and binds tighter), 'not(' ... ')' and parentheses
//   term      := <path> (== | != | =~ | !~ | contains | !contains) <string> | <path> (in | in~ | !in | !in~) (<string>, ...)
//              | (isempty | isnotempty | isnull | isnotnull) '(' <path> ')'
//   path      := <column> ( '.' <name> | '[' <string> ']' | '[' <integer> ']' )*
//
// A tokenizer and a recursive-descent parser check the whole query (including that every column exists
// where it is used) before any row is read; anything outside the subset is refused with its line and
// position, never guessed at. Operators, keywords and column names are case-sensitive as in Kusto;
// table names are not, as in Resource Graph.

export type ColumnType = 'string' | 'dynamic';

export interface Column {
  name: string;
  type: ColumnType;
}

export interface TableSchema {
  name: string;
  columns: readonly Column[];
}

export type Row = Record<string, unknown>;

export type KqlErrorCode = 'ParserFailure' | 'UnsupportedOperator';

/** A query the sandbox refuses: what was wrong, and where (line from 1, position in the line from 0). */
export class KqlError extends Error {
  constructor(
    readonly code: KqlErrorCode,
    readonly detail: string,
    readonly token: string,
    readonly line: number,
    readonly characterPositionInLine: number,
  ) {
    super(`Line ${line}, position ${characterPositionInLine}: ${detail}`);
  }
}

// ---- tokens -------------------------------------------------------------------------------------

type TokenKind = 'name' | 'string' | 'number' | 'symbol' | 'end';

interface Token {
  kind: TokenKind;
  /** The source text (for strings, with quotes and escapes). */
  text: string;
  /** Names and symbols: the text; strings: the decoded value; numbers: the digits. */
  value: string;
  offset: number;
}

const SYMBOLS_2 = ['==', '!=', '=~', '!~', '<=', '>=', '<>', '=>'];
const SYMBOLS_1 = '|,()[].=<>-+*/%;{}:@~?!';
const isNameStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isNameChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0' };

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

function errorAt(text: string, code: KqlErrorCode, offset: number, token: string, detail: string): KqlError {
  const { line, column } = positionOf(text, offset);
  return new KqlError(code, detail, token, line, column);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
      continue;
    }
    const start = i;
    if (isNameStart(c)) {
      while (i < text.length && isNameChar(text.charAt(i))) i++;
      const name = text.slice(start, i);
      // `in~` is one operator; a name never contains '~'.
      if (name === 'in' && text.charAt(i) === '~') {
        i++;
        tokens.push({ kind: 'symbol', text: 'in~', value: 'in~', offset: start });
      } else {
        tokens.push({ kind: 'name', text: name, value: name, offset: start });
      }
      continue;
    }
    if (c === '!' && isNameStart(text.charAt(i + 1))) {
      // Negated word operators: !in, !in~, !contains, !has, …
      i++;
      while (i < text.length && isNameChar(text.charAt(i))) i++;
      if (text.slice(start, i) === '!in' && text.charAt(i) === '~') i++;
      const op = text.slice(start, i);
      tokens.push({ kind: 'symbol', text: op, value: op, offset: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9]/.test(text.charAt(i))) i++;
      if (text.charAt(i) === '.' && /[0-9]/.test(text.charAt(i + 1))) {
        i++;
        while (i < text.length && /[0-9]/.test(text.charAt(i))) i++;
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), value: text.slice(start, i), offset: start });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length || text.charAt(i) === '\n') {
          throw errorAt(text, 'ParserFailure', start, text.slice(start, i), 'A string literal is not closed.');
        }
        const ch = text.charAt(i);
        if (ch === c) {
          i++;
          break;
        }
        if (ch === '\\') {
          const e = text.charAt(i + 1);
          const hex = /^u[0-9A-Fa-f]{4}$/.test(text.slice(i + 1, i + 6)) ? text.slice(i + 2, i + 6) : undefined;
          if (hex !== undefined) {
            value += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            continue;
          }
          const decoded = ESCAPES[e];
          if (decoded === undefined) throw errorAt(text, 'ParserFailure', i, `\\${e}`, `Unknown escape sequence '\\${e}' in a string literal.`);
          value += decoded;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      tokens.push({ kind: 'string', text: text.slice(start, i), value, offset: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (SYMBOLS_2.includes(two)) {
      i += 2;
      tokens.push({ kind: 'symbol', text: two, value: two, offset: start });
      continue;
    }
    if (SYMBOLS_1.includes(c)) {
      i++;
      tokens.push({ kind: 'symbol', text: c, value: c, offset: start });
      continue;
    }
    throw errorAt(text, 'ParserFailure', start, c, `Unexpected character '${c}'.`);
  }
  tokens.push({ kind: 'end', text: '', value: '', offset: text.length });
  return tokens;
}

// ---- syntax tree --------------------------------------------------------------------------------

export interface Path {
  column: string;
  /** Property names and array indexes after the column. */
  steps: (string | number)[];
}

export type Predicate =
  | { kind: 'and' | 'or'; left: Predicate; right: Predicate }
  | { kind: 'not'; operand: Predicate }
  | { kind: 'compare'; op: '==' | '!=' | '=~' | '!~' | 'contains' | '!contains'; path: Path; value: string }
  | { kind: 'in'; negated: boolean; caseInsensitive: boolean; path: Path; values: string[] }
  | { kind: 'test'; fn: 'isempty' | 'isnotempty' | 'isnull' | 'isnotnull'; path: Path };

export type Stage =
  | { kind: 'where'; predicate: Predicate }
  | { kind: 'project'; columns: string[] }
  | { kind: 'order'; keys: { column: string; descending: boolean }[] }
  | { kind: 'limit'; count: number };

export interface ParsedQuery {
  /** The table's name as the schema spells it. */
  table: string;
  stages: Stage[];
  /** The output columns, in order. */
  columns: Column[];
  /** Whether a `limit` / `take` bounds the result (Resource Graph then does not page). */
  limited: boolean;
}

// Valid KQL the sandbox does not implement: refused as unsupported rather than as a syntax error.
const KQL_OPERATORS = new Set([
  'summarize', 'extend', 'join', 'union', 'distinct', 'count', 'top', 'sample', 'sample-distinct', 'mv-expand', 'mv-apply', 'parse',
  'project-away', 'project-keep', 'project-rename', 'project-reorder', 'make-series', 'lookup', 'as', 'let', 'render', 'search',
  'top-nested', 'serialize', 'evaluate', 'invoke', 'getschema', 'range', 'print', 'datatable', 'filter', 'externaldata', 'partition',
]);
const KQL_STRING_OPERATORS = new Set([
  'contains_cs', 'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'startswith', 'startswith_cs',
  'endswith', 'endswith_cs', 'matches', 'has_any', 'has_all', 'between', 'like',
]);
const COMPARISONS = ['==', '!=', '=~', '!~'] as const;
const TESTS = ['isempty', 'isnotempty', 'isnull', 'isnotnull'] as const;
const SUPPORTED = 'where, project, order by / sort by, limit and take';
const QUERY_OPERATORS = new Set(['where', 'project', 'order', 'sort', 'limit', 'take']);

class Parser {
  private index = 0;
  private columns: readonly Column[];

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly tables: readonly TableSchema[],
  ) {
    this.columns = [];
  }

  parse(): ParsedQuery {
    const stages: Stage[] = [];
    const head = this.peek();
    const named = (name: string): TableSchema | undefined => this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    // As in Azure Resource Graph, a query that starts with an operator (`project id | limit 2`) reads the resources table.
    const implicit = head.kind === 'name' && !named(head.value) && (QUERY_OPERATORS.has(head.value.toLowerCase()) || KQL_OPERATORS.has(head.value.toLowerCase())) ? named('resources') : undefined;
    let schema: TableSchema;
    if (implicit) {
      schema = implicit;
      this.columns = schema.columns;
      stages.push(this.operator());
    } else {
      const first = this.next();
      if (first.kind !== 'name') this.fail(first, 'A query starts with a table name (resources, resourcecontainers or dnsresources).');
      const table = named(first.value);
      if (!table) this.fail(first, `Table '${first.value}' is not served by the sandbox; it serves ${this.tables.map((t) => t.name).join(' and ')}.`);
      schema = table;
      this.columns = schema.columns;
    }
    while (this.peek().kind !== 'end') {
      const bar = this.next();
      if (!isSymbol(bar, '|')) this.fail(bar, "Expected '|' or the end of the query.");
      stages.push(this.operator());
    }
    return { table: schema.name, stages, columns: [...this.columns], limited: stages.some((s) => s.kind === 'limit') };
  }

  private operator(): Stage {
    const t = this.next();
    if (t.kind !== 'name') this.fail(t, "Expected an operator after '|'.");
    const name = this.hyphenated(t);
    switch (name) {
      case 'where':
        return { kind: 'where', predicate: this.or() };
      case 'project':
        return this.project();
      case 'order':
      case 'sort':
        return this.order();
      case 'limit':
      case 'take':
        return { kind: 'limit', count: this.integer('a row count') };
      default:
        if (KQL_OPERATORS.has(name)) this.fail(t, `The sandbox does not support the '${name}' operator; it supports ${SUPPORTED}.`, 'UnsupportedOperator', name);
        this.fail(t, `'${name}' is not a query operator.`, 'ParserFailure', name);
    }
  }

  /** KQL operator names such as project-away are a name, '-', a name with nothing in between. */
  private hyphenated(t: Token): string {
    let name = t.value;
    let end = t.offset + t.text.length;
    while (isSymbol(this.peek(), '-') && this.peek().offset === end && this.peek(1).kind === 'name' && this.peek(1).offset === end + 1) {
      this.next();
      const part = this.next();
      name += `-${part.value}`;
      end = part.offset + part.text.length;
    }
    return name;
  }

  private project(): Stage {
    const columns: string[] = [];
    do {
      const t = this.next();
      const after = this.peek();
      if (isSymbol(after, '=')) this.fail(after, 'The sandbox does not support renaming or computing columns in project; list plain columns.', 'UnsupportedOperator');
      const column = this.column(t);
      if (isSymbol(after, '.') || isSymbol(after, '[')) this.fail(after, 'The sandbox does not support projecting a property path; project the whole column.', 'UnsupportedOperator');
      if (columns.includes(column.name)) this.fail(t, `Column '${column.name}' is projected twice.`);
      columns.push(column.name);
    } while (this.accept(','));
    this.columns = columns.map((c) => this.columns.find((x) => x.name === c) ?? { name: c, type: 'dynamic' });
    return { kind: 'project', columns };
  }

  private order(): Stage {
    const by = this.next();
    if (by.kind !== 'name' || by.value !== 'by') this.fail(by, "Expected 'by'.");
    const keys: { column: string; descending: boolean }[] = [];
    do {
      const column = this.column(this.next());
      if (isSymbol(this.peek(), '.') || isSymbol(this.peek(), '[')) this.fail(this.peek(), 'The sandbox orders by plain columns only.', 'UnsupportedOperator');
      // Kusto sorts descending unless told otherwise.
      let descending = true;
      const dir = this.peek();
      if (dir.kind === 'name' && (dir.value === 'asc' || dir.value === 'desc')) {
        this.next();
        descending = dir.value === 'desc';
      }
      if (this.peek().kind === 'name' && this.peek().value === 'nulls') this.fail(this.peek(), "The sandbox does not support 'nulls first' / 'nulls last'.", 'UnsupportedOperator');
      keys.push({ column: column.name, descending });
    } while (this.accept(','));
    return { kind: 'order', keys };
  }

  private or(): Predicate {
    let left = this.and();
    while (this.acceptName('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.acceptName('and')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): Predicate {
    const t = this.peek();
    if (isSymbol(t, '(')) {
      this.next();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'name' && isSymbol(this.peek(1), '(')) {
      this.next();
      this.next();
      if (t.value === 'not') {
        const operand = this.or();
        this.expect(')');
        return { kind: 'not', operand };
      }
      const fn = TESTS.find((f) => f === t.value);
      if (!fn) this.fail(t, `The sandbox does not support the function '${t.value}'; conditions may use ${TESTS.join(', ')} and not().`, 'UnsupportedOperator');
      const path = this.path();
      this.expect(')');
      return { kind: 'test', fn, path };
    }
    if (t.kind !== 'name') this.fail(t, 'Expected a condition: a column, a function call or a parenthesis.');
    const path = this.path();
    return this.comparison(path);
  }

  private comparison(path: Path): Predicate {
    const op = this.next();
    const compare = COMPARISONS.find((c) => isSymbol(op, c));
    if (compare) return { kind: 'compare', op: compare, path, value: this.string() };
    // Kusto's `contains`: a case-insensitive substring.
    if ((op.kind === 'name' && op.value === 'contains') || (op.kind === 'symbol' && op.value === '!contains')) {
      return { kind: 'compare', op: op.value === 'contains' ? 'contains' : '!contains', path, value: this.string() };
    }
    const inOp = op.kind === 'name' && op.value === 'in' ? 'in' : op.kind === 'symbol' && ['in~', '!in', '!in~'].includes(op.value) ? op.value : undefined;
    if (inOp) {
      this.expect('(');
      const values = [this.string()];
      while (this.accept(',')) values.push(this.string());
      this.expect(')');
      return { kind: 'in', negated: inOp.startsWith('!'), caseInsensitive: inOp.endsWith('~'), path, values };
    }
    const word = op.value.replace(/^!/, '');
    if ((op.kind === 'name' || op.kind === 'symbol') && (KQL_STRING_OPERATORS.has(word) || ['<', '>', '<=', '>=', '<>'].includes(op.value))) {
      this.fail(op, `The sandbox does not support the '${op.value}' operator; conditions may use ==, !=, =~, !~, contains, !contains, in, in~, !in and !in~.`, 'UnsupportedOperator');
    }
    this.fail(op, `Expected a comparison (==, !=, =~, !~, contains, !contains, in, in~, !in, !in~) after '${pathText(path)}'.`);
  }

  private path(): Path {
    const t = this.next();
    const column = this.column(t);
    const steps: (string | number)[] = [];
    for (;;) {
      if (this.accept('.')) {
        const part = this.next();
        if (part.kind !== 'name') this.fail(part, "Expected a property name after '.'.");
        steps.push(part.value);
      } else if (this.accept('[')) {
        const key = this.next();
        if (key.kind === 'string') steps.push(key.value);
        else if (key.kind === 'number' && /^[0-9]+$/.test(key.value)) steps.push(Number(key.value));
        else this.fail(key, "Expected a string or an array index inside '[ ]'.");
        this.expect(']');
      } else {
        return { column: column.name, steps };
      }
    }
  }

  private column(t: Token): Column {
    if (t.kind !== 'name') this.fail(t, 'Expected a column name.');
    const column = this.columns.find((c) => c.name === t.value);
    if (!column) this.fail(t, `Unknown column '${t.value}'; the columns here are ${this.columns.map((c) => c.name).join(', ')}.`);
    return column;
  }

  private string(): string {
    const t = this.next();
    if (t.kind !== 'string') this.fail(t, 'Expected a string literal.');
    return t.value;
  }

  private integer(what: string): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^[0-9]+$/.test(t.value)) this.fail(t, `Expected ${what} (a whole number).`);
    return Number(t.value);
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }

  private accept(symbol: string): boolean {
    if (!isSymbol(this.peek(), symbol)) return false;
    this.next();
    return true;
  }

  private acceptName(name: string): boolean {
    const t = this.peek();
    if (t.kind !== 'name' || t.value !== name) return false;
    this.next();
    return true;
  }

  private expect(symbol: string): void {
    const t = this.next();
    if (!isSymbol(t, symbol)) this.fail(t, `Expected '${symbol}'.`);
  }

  private fail(t: Token, detail: string, code: KqlErrorCode = 'ParserFailure', token = t.kind === 'end' ? '<end of query>' : t.text): never {
    throw errorAt(this.text, code, t.offset, token, detail);
  }
}

const isSymbol = (t: Token, s: string): boolean => t.kind === 'symbol' && t.value === s;

const pathText = (p: Path): string => p.column + p.steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');

/** Parses and checks a query against the tables' schemas; throws KqlError. */
export function parseQuery(text: string, tables: readonly TableSchema[]): ParsedQuery {
  return new Parser(text, tokenize(text), tables).parse();
}

// ---- evaluation ---------------------------------------------------------------------------------

function resolve(path: Path, row: Row): unknown {
  let v: unknown = row[path.column];
  for (const step of path.steps) {
    if (typeof step === 'number') v = Array.isArray(v) ? (v as unknown[])[step] : undefined;
    else v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[step] : undefined;
    if (v === undefined) return null;
  }
  return v ?? null;
}

/** A value as Kusto's tostring() gives it: a missing value is the empty string, an object its JSON. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function test(p: Predicate, row: Row): boolean {
  switch (p.kind) {
    case 'and':
      return test(p.left, row) && test(p.right, row);
    case 'or':
      return test(p.left, row) || test(p.right, row);
    case 'not':
      return !test(p.operand, row);
    case 'compare': {
      const v = asText(resolve(p.path, row));
      if (p.op === '==') return v === p.value;
      if (p.op === '!=') return v !== p.value;
      if (p.op === 'contains' || p.op === '!contains') {
        const found = v.toLowerCase().includes(p.value.toLowerCase());
        return p.op === 'contains' ? found : !found;
      }
      const same = v.toLowerCase() === p.value.toLowerCase();
      return p.op === '=~' ? same : !same;
    }
    case 'in': {
      const v = asText(resolve(p.path, row));
      const found = p.caseInsensitive ? p.values.some((x) => x.toLowerCase() === v.toLowerCase()) : p.values.includes(v);
      return p.negated ? !found : found;
    }
    case 'test': {
      const v = resolve(p.path, row);
      const isNull = v === null;
      // Kusto: isempty is true for null and ""; an empty object or array is not empty.
      const isEmpty = isNull || v === '';
      return { isnull: isNull, isnotnull: !isNull, isempty: isEmpty, isnotempty: !isEmpty }[p.fn];
    }
  }
}

/** Orders nulls first (ascending), numbers by value and everything else by its text, ordinally. */
function compareValues(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = asText(a);
  const y = asText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs the query's operators over the table's rows (in the order given, which ties keep). */
export function runQuery(query: ParsedQuery, rows: readonly Row[]): Row[] {
  let out = rows.slice();
  for (const stage of query.stages) {
    switch (stage.kind) {
      case 'where':
        out = out.filter((r) => test(stage.predicate, r));
        break;
      case 'project':
        out = out.map((r) => Object.fromEntries(stage.columns.map((c) => [c, r[c] ?? null])));
        break;
      case 'order':
        out = out.slice().sort((a, b) => {
          for (const k of stage.keys) {
            const d = compareValues(a[k.column], b[k.column]);
            if (d !== 0) return k.descending ? -d : d;
          }
          return 0;
        });
        break;
      case 'limit':
        out = out.slice(0, stage.count);
        break;
    }
  }
  return out;
}
