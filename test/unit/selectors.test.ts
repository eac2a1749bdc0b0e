import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseLabelSelector, labelSelectorFromObject, labelSelectorFromSet, matchesLabels, labelSelectorToString,
  formatLabelSelector, parseFieldSelector, matchesFields, fieldSelectorToString, validateFieldSelector,
  fieldSelectorRequiresExactMatch, escapeFieldValue, SelectorError, EVERYTHING, NOTHING,
} from '../../server/cluster/api/selectors.ts';

const LABEL_VALUE_REGEX_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const LABEL_KEY_REGEX_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

test('label selector: valid strings parse to upstream canonical form', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['app=web', 'app=web'],
    ['app==web', 'app==web'],
    ['app!=web', 'app!=web'],
    ['  app = web ', 'app=web'],
    ['tier in (b,a)', 'tier in (a,b)'],
    ['tier in (a, b, a)', 'tier in (a,b)'],
    ['tier notin (prod)', 'tier notin (prod)'],
    ['app=web,tier in (b,a),!canary,env notin (prod),release', 'app=web,!canary,env notin (prod),release,tier in (a,b)'],
    ['x in (,a)', 'x in (,a)'],
    ['x in ()', 'x in ()'],
    ['x=', 'x='],
    ['in in (in)', 'in in (in)'],
    ['example.com/app=web', 'example.com/app=web'],
    ['n>5', 'n>5'],
    ['n<5', 'n<5'],
  ];
  for (const [input, want] of cases) {
    assert.equal(labelSelectorToString(parseLabelSelector(input)), want, input);
  }
});

test('label selector: parse errors carry upstream texts', () => {
  const cases: [string, string][] = [
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a!!b', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a=-b', `unable to parse requirement: values[0][a]: Invalid value: "-b": ${LABEL_VALUE_REGEX_MSG}`],
    ['n>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key ${LABEL_KEY_REGEX_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['-a', `unable to parse requirement: <nil>: Invalid value: "-a": name part ${LABEL_KEY_REGEX_MSG}`],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => parseLabelSelector(input), (e: unknown) => {
      assert.ok(e instanceof SelectorError, input);
      assert.equal(e.message, want, input);
      assert.equal(e.code, 400);
      return true;
    });
  }
});

test('label selector: matching', () => {
  const labels = { app: 'web', tier: 'front', n: '7' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['tier in (front,back)', true],
    ['tier notin (front)', false],
    ['missing notin (a)', true],
    ['missing in (a)', false],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['n>5', true],
    ['n<5', false],
    ['app>5', false],
    ['app=web,tier=back', false],
    ['missing=', false],
  ];
  for (const [sel, want] of cases) assert.equal(matchesLabels(parseLabelSelector(sel), labels), want, sel);
  assert.equal(matchesLabels(parseLabelSelector('!a'), undefined), true);
});

test('label selector objects: matchLabels and matchExpressions', () => {
  const sel = labelSelectorFromObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['b', 'a'] },
      { key: 'env', operator: 'NotIn', values: ['prod'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'release', operator: 'Exists' },
    ],
  });
  assert.equal(labelSelectorToString(sel), 'app=web,!canary,env notin (prod),release,tier in (a,b)');
  assert.equal(matchesLabels(sel, { app: 'web', tier: 'a', release: '1' }), true);
  assert.equal(matchesLabels(sel, { app: 'web', tier: 'a', release: '1', canary: 'y' }), false);
  assert.equal(matchesLabels(sel, { app: 'web', tier: 'c', release: '1' }), false);

  // nil selects nothing, empty selects everything
  assert.equal(labelSelectorFromObject(null), NOTHING);
  assert.equal(matchesLabels(labelSelectorFromObject(undefined), { a: 'b' }), false);
  assert.equal(labelSelectorFromObject({}), EVERYTHING);
  assert.equal(matchesLabels(labelSelectorFromObject({ matchLabels: {} }), { a: 'b' }), true);

  assert.equal(formatLabelSelector({ matchLabels: { app: 'web' } }), 'app=web');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector(null), '<none>');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }), '<error>');

  assert.equal(labelSelectorToString(labelSelectorFromSet({ tier: 'x', app: 'web' })), 'app=web,tier=x');
});

test('label selector objects: errors', () => {
  const cases: [Parameters<typeof labelSelectorFromObject>[0], string][] = [
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'a b': 'c' } }, `key: Invalid value: "a b": name part ${LABEL_KEY_REGEX_MSG}`],
    [{ matchExpressions: [{ key: '-k', operator: 'In', values: ['-v'] }] },
      `[key: Invalid value: "-k": name part ${LABEL_KEY_REGEX_MSG}, values[0][-k]: Invalid value: "-v": ${LABEL_VALUE_REGEX_MSG}]`],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => labelSelectorFromObject(input), (e: unknown) => {
      assert.ok(e instanceof SelectorError);
      assert.equal(e.message, want);
      return true;
    });
  }
});

test('field selector: parse, canonical form and matching', () => {
  const cases: [string, string][] = [
    ['', ''],
    [',', ''],
    ['status.phase=Running,spec.nodeName!=node01', 'spec.nodeName!=node01,status.phase=Running'],
    ['metadata.name==web', 'metadata.name=web'],
    ['a=b\\,c', 'a=b\\,c'],
    ['a=b\\=c', 'a=b\\=c'],
    ['a=b\\\\c', 'a=b\\\\c'],
    ['a=', 'a='],
  ];
  for (const [input, want] of cases) assert.equal(fieldSelectorToString(parseFieldSelector(input)), want, input);

  assert.deepEqual(parseFieldSelector('a=b\\,c').requirements, [{ field: 'a', operator: '=', value: 'b,c' }]);
  assert.deepEqual(parseFieldSelector('a!=b\\\\').requirements, [{ field: 'a', operator: '!=', value: 'b\\' }]);
  assert.equal(escapeFieldValue('a,b=c\\'), 'a\\,b\\=c\\\\');

  const fields = { 'metadata.name': 'web-1', 'spec.nodeName': 'node01', 'status.phase': 'Running' };
  const m: [string, boolean][] = [
    ['', true],
    ['status.phase=Running', true],
    ['status.phase!=Running', false],
    ['spec.nodeName=node01,status.phase=Running', true],
    ['spec.nodeName=controlplane', false],
    ['spec.schedulerName=', true],
    ['spec.schedulerName!=', false],
  ];
  for (const [sel, want] of m) assert.equal(matchesFields(parseFieldSelector(sel), fields), want, sel);
  assert.equal(fieldSelectorRequiresExactMatch(parseFieldSelector('metadata.name=web-1,status.phase!=x'), 'metadata.name'), 'web-1');
  assert.equal(fieldSelectorRequiresExactMatch(parseFieldSelector('metadata.name!=web-1'), 'metadata.name'), undefined);
});

test('field selector: parse errors', () => {
  const cases: [string, string][] = [
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => parseFieldSelector(input), (e: unknown) => {
      assert.ok(e instanceof SelectorError, input);
      assert.equal(e.message, want, input);
      return true;
    });
  }
});

test('field selector: supported labels per kind', () => {
  const podFields = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'];
  const ok = validateFieldSelector(parseFieldSelector('spec.host=node01'), podFields, { 'spec.host': 'spec.nodeName' });
  assert.equal(fieldSelectorToString(ok), 'spec.nodeName=node01');

  assert.throws(() => validateFieldSelector(parseFieldSelector('spec.foo=x'), podFields),
    { name: 'SelectorError', message: 'field label not supported: spec.foo' });
  assert.throws(() => validateFieldSelector(parseFieldSelector('spec.replicas=1')),
    { name: 'SelectorError', message: '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"' });
  assert.equal(fieldSelectorToString(validateFieldSelector(parseFieldSelector('metadata.namespace=default'))), 'metadata.namespace=default');
});
