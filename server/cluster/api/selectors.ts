// Label and field selectors: parsing (query strings and metav1.LabelSelector objects), matching,
// and the canonical string forms. Grammar, ordering and error texts follow kube-apiserver 1.35
// (k8s.io/apimachinery pkg/labels/selector.go, pkg/fields/selector.go); the code is ours.
//
// The apiserver turns every error thrown here into a 400 BadRequest Status whose message is
// exactly SelectorError.message (kubectl then prints `Error from server (BadRequest): …`, after
// prefixing `Unable to find "<resource>" that match label selector …` itself for list requests).

/** A selector that cannot be parsed or a field label a kind does not offer: HTTP 400 BadRequest. */
export class SelectorError extends Error {
  readonly code = 400;
  readonly reason = 'BadRequest';
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

// ---------------------------------------------------------------------------------------------
// Label selectors

/** Operators as upstream names them (selection.Operator values). */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** For in/notin parsed from a string: sorted and unique. Empty for exists and '!'. */
  values: string[];
}

export interface LabelSelector {
  /** All must match (AND). Sorted by key. Empty: matches everything. */
  requirements: LabelRequirement[];
  /** True for the selector that matches nothing (a nil metav1.LabelSelector). */
  nothing?: boolean;
}

/** metav1.LabelSelector as it appears in objects (spec.selector of Deployments, Services' plain map aside). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS = [...BINARY_OPERATORS, 'exists', '!'];

export const EVERYTHING: LabelSelector = Object.freeze({ requirements: [] }) as LabelSelector;
export const NOTHING: LabelSelector = Object.freeze({ requirements: [], nothing: true }) as LabelSelector;

// --- validation texts (k8s.io/apimachinery/pkg/api/validate/content) ---

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Problems with a label key (qualified name), empty when valid. */
export function labelKeyErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (byteLength(prefix) > 253) errs.push('prefix part must be no more than 253 bytes');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) errs.push('prefix part ' + regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
    }
  } else {
    return [`a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!LABEL_KEY_RE.test(name)) errs.push('name part ' + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** Problems with a label value, empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 bytes');
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** Go's %q for the strings we quote (ASCII-escaped like strconv.Quote for control characters). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** field.Invalid(path, value, detail).Error() */
function invalid(path: string, value: string | string[] | null, detail: string): string {
  const shown = typeof value === 'string' ? goQuote(value) : JSON.stringify(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** ErrorList.ToAggregate().Error(): duplicates dropped, one message bare, several in brackets. */
function aggregate(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** labels.NewRequirement: validate and build one requirement (path prefix as upstream: none). */
function newRequirement(key: string, operator: LabelOperator, values: string[] | null): LabelRequirement {
  const errs: string[] = [];
  const vals = values ?? [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length) errs.push(invalid('key', key, keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid('values', values ?? null, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid('values', values ?? null, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalid('values', values ?? null, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid('values', values ?? null, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseGoInt(v) === undefined) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(`operator: Unsupported value: ${goQuote(operator)}: supported values: ${VALID_OPERATORS.map(goQuote).join(', ')}`);
  }
  vals.forEach((v, i) => {
    const valErrs = labelValueErrors(v);
    if (valErrs.length) errs.push(invalid(`values[${i}][${key}]`, v, valErrs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator, values: vals };
}

/** strconv.ParseInt(s, 10, 64) */
function parseGoInt(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return n;
}

// --- lexer ---

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const LITERAL_TOKENS: Record<string, Tok> = {
  ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(',
};

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);

interface Item { tok: Tok; lit: string }

function lex(s: string): Item[] {
  // Works on UTF-16 code units; upstream works on bytes, which only differs inside identifiers.
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s[pos])) {
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos];
        const t = LITERAL_TOKENS[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = '';
      while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) buf += s[pos++];
      const t = LITERAL_TOKENS[buf];
      items.push({ tok: t ?? 'id', lit: buf });
    }
  }
}

// --- parser ---

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In value context the words in/notin are plain identifiers. */
  private look(values: boolean): Item {
    const it = this.items[this.pos];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private take(values: boolean): Item {
    const it = this.look(values);
    this.pos++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'id' || tok === '!') {
        let r: LabelRequirement;
        try {
          r = this.requirement();
        } catch (e) {
          if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        reqs.push(r);
        const t = this.take(true);
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.look(true);
          if (t2.tok !== 'id' && t2.tok !== '!') throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'eos') {
        return reqs;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let operator: LabelOperator | undefined;
    let t = this.take(true);
    if (t.tok === '!') {
      operator = '!';
      t = this.take(true);
    }
    if (t.tok !== 'id') throw new SelectorError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length) throw new SelectorError(invalid('<nil>', key, keyErrs.join('; ')));
    const next = this.look(true).tok;
    if (next === 'eos' || next === ',') {
      if (operator !== '!') operator = 'exists';
    }
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);

    const opItem = this.take(false);
    const ops: Partial<Record<Tok, LabelOperator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    const op = ops[opItem.tok];
    if (!op) throw new SelectorError(`found '${opItem.lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    const values = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return newRequirement(key, op, [...new Set(values)].sort(goLess));
  }

  private setValues(): string[] {
    const open = this.take(true);
    if (open.tok !== '(') throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    if (tok === 'id' || tok === ',') {
      const s = this.identifierList();
      if (this.take(true).tok !== ')') throw new SelectorError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.take(true);
      return [''];
    }
    throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private identifierList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.take(true);
      if (tok === 'id') {
        s.add(lit);
        const t2 = this.look(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return [...s];
        throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add('');
        const t2 = this.look(true).tok;
        if (t2 === ')') {
          s.add('');
          return [...s];
        }
        if (t2 === ',') s.add('');
      } else {
        throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const t = this.look(true).tok;
    if (t === 'eos' || t === ',') return [''];
    const { tok, lit } = this.take(true);
    if (tok === 'id') return [lit];
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/** Go's byte-wise string order. */
function goLess(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

function sortByKey(reqs: LabelRequirement[]): LabelRequirement[] {
  return reqs.map((r, i) => ({ r, i })).sort((x, y) => goLess(x.r.key, y.r.key) || x.i - y.i).map((x) => x.r);
}

/**
 * Parse a label selector query string (`app=web,tier in (a,b),!canary`). The empty string
 * selects everything. Throws SelectorError with upstream's text, e.g.
 * `unable to parse requirement: found '', expected: ',', ')' or identifier`.
 */
export function parseLabelSelector(s: string): LabelSelector {
  const reqs = new Parser(lex(s)).parse();
  return { requirements: sortByKey(reqs) };
}

/**
 * Convert a metav1.LabelSelector object (matchLabels + matchExpressions with In, NotIn, Exists,
 * DoesNotExist). null/undefined selects nothing; an empty object selects everything. Throws
 * SelectorError for an unknown operator (`"Foo" is not a valid label selector operator`) or
 * invalid keys and values.
 */
export function labelSelectorFromObject(sel: LabelSelectorObject | null | undefined): LabelSelector {
  if (sel === null || sel === undefined) return NOTHING;
  const labels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  if (Object.keys(labels).length + exprs.length === 0) return EVERYTHING;
  const reqs: LabelRequirement[] = [];
  for (const [k, v] of Object.entries(labels)) reqs.push(newRequirement(k, '=', [v]));
  const ops: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const e of exprs) {
    const op = ops[e.operator];
    if (!op) throw new SelectorError(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values && e.values.length > 0 ? [...e.values] : null));
  }
  return { requirements: sortByKey(reqs) };
}

/** A selector matching exactly the given labels (Services' spec.selector, ReplicationControllers). */
export function labelSelectorFromSet(set: Record<string, string> | null | undefined): LabelSelector {
  if (!set || Object.keys(set).length === 0) return EVERYTHING;
  return { requirements: sortByKey(Object.entries(set).map(([key, v]) => ({ key, operator: '=' as const, values: [v] }))) };
}

function requirementMatches(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const val = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(val!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(val!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseGoInt(val!);
      const rv = parseGoInt(r.values[0]);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

/** Whether the labels satisfy every requirement (missing labels count as absent). */
export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | null | undefined): boolean {
  if (sel.nothing) return false;
  const ls = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, ls));
}

function requirementToString(r: LabelRequirement): string {
  let s = r.operator === '!' ? '!' + r.key : r.key;
  const sym: Record<LabelOperator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };
  if (r.operator === 'exists' || r.operator === '!') return s;
  s += sym[r.operator];
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort(goLess).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

/** Upstream's canonical string: requirements joined by ',' (e.g. `app=web,tier in (a,b)`); '' for everything/nothing. */
export function labelSelectorToString(sel: LabelSelector): string {
  if (sel.nothing) return '';
  return sel.requirements.map(requirementToString).join(',');
}

/** metav1.FormatLabelSelector as kubectl describe prints it: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelectorObject | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorToString(labelSelectorFromObject(sel));
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

// ---------------------------------------------------------------------------------------------
// Field selectors

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  /** All must hold (AND), in upstream's order (terms sorted as written). Empty: everything. */
  requirements: FieldRequirement[];
}

/** fields.EscapeValue: backslash-escape \ , and = */
export function escapeFieldValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/** fields.UnescapeValue */
function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Split on commas not escaped by a backslash (escapes are kept in the terms). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/**
 * Parse a field selector query string (`status.phase=Running,spec.nodeName!=node01`; `==` is `=`,
 * values may escape `\,` `\=` `\\`). Throws SelectorError with upstream's text, e.g.
 * `invalid selector: 'foo'; can't understand 'foo'`.
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort(goLess);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { lhs: string; op: string; rhs: string } | undefined;
    outer: for (let i = 0; i < part.length; i++) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          found = { lhs: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break outer;
        }
      }
    }
    if (!found) throw new SelectorError(`invalid selector: '${s}'; can't understand '${part}'`);
    const value = unescapeFieldValue(found.rhs);
    reqs.push({ field: found.lhs, operator: found.op === '!=' ? '!=' : '=', value });
  }
  return { requirements: reqs };
}

/** Whether the object's selectable fields satisfy the selector (an absent field reads as ''). */
export function matchesFields(sel: FieldSelector, fields: Record<string, string>): boolean {
  return sel.requirements.every((r) => {
    const v = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
    return r.operator === '=' ? v === r.value : v !== r.value;
  });
}

/** Canonical string form (`a=b,c!=d`, values escaped). */
export function fieldSelectorToString(sel: FieldSelector): string {
  return sel.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}

/** The value a field selector demands for `field` with `=`, if any (used to narrow lists, e.g. metadata.name). */
export function fieldSelectorRequiresExactMatch(sel: FieldSelector, field: string): string | undefined {
  return sel.requirements.find((r) => r.field === field && r.operator === '=')?.value;
}

/** The error a kind with its own field-label list gives for a label it does not offer (HTTP 400). */
export function fieldLabelNotSupported(label: string): SelectorError {
  return new SelectorError(`field label not supported: ${label}`);
}

/** The error for a kind that registers no field labels of its own (only metadata.name/namespace work). */
export function unknownFieldSelector(label: string): SelectorError {
  return new SelectorError(`${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
}

/**
 * Check (and rename) the field labels of a parsed selector for one kind, as the apiserver does
 * before listing. `supported` lists the kind's selectable fields; `aliases` maps old names to
 * current ones (Pods: spec.host → spec.nodeName). When `supported` is undefined the kind has no
 * list of its own and only metadata.name and metadata.namespace are accepted, with the other
 * message. Throws SelectorError (400).
 */
export function validateFieldSelector(
  sel: FieldSelector,
  supported?: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FieldSelector {
  const requirements = sel.requirements.map((r) => {
    if (supported === undefined) {
      if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace') throw unknownFieldSelector(r.field);
      return r;
    }
    if (Object.prototype.hasOwnProperty.call(aliases, r.field)) return { ...r, field: aliases[r.field] };
    if (!supported.includes(r.field)) throw fieldLabelNotSupported(r.field);
    return r;
  });
  return { requirements };
}
