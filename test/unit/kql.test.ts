// The sandbox's Resource Graph query subset: what it parses, how it evaluates, and how it refuses.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KqlError, parseQuery, runQuery, type Row, type TableSchema } from '../../src/sandbox/resourceGraph/kql';

const TABLES: TableSchema[] = [
  {
    name: 'resources',
    columns: [
      { name: 'id', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'location', type: 'string' },
      { name: 'properties', type: 'dynamic' },
      { name: 'tags', type: 'dynamic' },
    ],
  },
  { name: 'resourcecontainers', columns: [{ name: 'id', type: 'string' }, { name: 'name', type: 'string' }] },
];

const row = (id: string, name: string, type: string, location: string, properties: unknown = {}, tags: unknown = null): Row => ({ id, name, type, location, properties, tags });

const ROWS: Row[] = [
  row('/a', 'myregistry', 'Microsoft.ContainerRegistry/registries', 'westeurope', { loginServer: 'myregistry.azurecr.io' }, { env: 'prod' }),
  row('/b', 'myPrivateEndpoint.nic', 'microsoft.network/networkinterfaces', 'westeurope', { privateEndpoint: { id: '/pe' }, ipConfigurations: [{ name: 'first' }] }),
  row('/c', 'myDockerVMVMNic', 'microsoft.network/networkinterfaces', 'eastus', { virtualMachine: { id: '/vm' } }),
  row('/d', 'MyDNSLink', 'microsoft.network/privatednszones/virtualnetworklinks', 'global', { registrationEnabled: false, 'odd key': '' }),
];

const ids = (query: string, rows: Row[] = ROWS): string[] => runQuery(parseQuery(query, TABLES), rows).map((r) => String(r['id']));

function refused(query: string): KqlError {
  try {
    parseQuery(query, TABLES);
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
  assert.fail(`expected ${query} to be refused`);
}

void describe('kql: conditions', () => {
  void it('and binds tighter than or; parentheses and not() change that', () => {
    // a or (b and c): /a matches through the first term alone.
    assert.deepEqual(ids("resources | where name == 'myregistry' or type =~ 'microsoft.network/networkinterfaces' and location == 'eastus'"), ['/a', '/c']);
    assert.deepEqual(ids("resources | where (name == 'myregistry' or type =~ 'microsoft.network/networkinterfaces') and location == 'eastus'"), ['/c']);
    assert.deepEqual(ids("resources | where location == 'eastus' and type =~ 'microsoft.network/networkinterfaces' or name == 'MyDNSLink'"), ['/c', '/d']);
    assert.deepEqual(ids("resources | where not(location == 'westeurope' or location == 'global')"), ['/c']);
  });

  void it('contains and !contains match a substring in any case, as Kusto does', () => {
    assert.deepEqual(ids("resources | where name contains 'REG'"), ['/a']);
    assert.deepEqual(ids("resources | where type contains 'NetworkInterfaces' and name !contains 'vm'"), ['/b']);
  });

  void it('=~, in~ and !~ ignore case; ==, in, != and !in do not', () => {
    assert.deepEqual(ids("resources | where type =~ 'MICROSOFT.CONTAINERREGISTRY/REGISTRIES'"), ['/a']);
    assert.deepEqual(ids("resources | where type == 'microsoft.containerregistry/registries'"), []);
    assert.deepEqual(ids("resources | where type == 'Microsoft.ContainerRegistry/registries'"), ['/a']);
    assert.deepEqual(ids("resources | where name in~ ('MYREGISTRY', 'mydnslink')"), ['/a', '/d']);
    assert.deepEqual(ids("resources | where name in ('MYREGISTRY', 'MyDNSLink')"), ['/d']);
    assert.deepEqual(ids("resources | where name !in~ ('MYREGISTRY', 'mydnslink')"), ['/b', '/c']);
    assert.deepEqual(ids("resources | where name !in ('myregistry')"), ['/b', '/c', '/d']);
    assert.deepEqual(ids("resources | where location !~ 'WESTEUROPE'"), ['/c', '/d']);
    assert.deepEqual(ids("resources | where location != 'WESTEUROPE'"), ['/a', '/b', '/c', '/d']);
  });

  void it('paths reach into dynamic columns by name, quoted key and index; a missing value is null and compares as ""', () => {
    assert.deepEqual(ids("resources | where properties.privateEndpoint.id == '/pe'"), ['/b']);
    assert.deepEqual(ids("resources | where properties['privateEndpoint']['id'] =~ '/PE'"), ['/b']);
    assert.deepEqual(ids("resources | where properties.ipConfigurations[0].name == 'first'"), ['/b']);
    assert.deepEqual(ids("resources | where tags.env == 'prod'"), ['/a']);
    assert.deepEqual(ids("resources | where properties.registrationEnabled == 'false'"), ['/d']);
    assert.deepEqual(ids("resources | where properties.nothing.here == ''"), ['/a', '/b', '/c', '/d']);
    // Property names are case-sensitive, as in Kusto.
    assert.deepEqual(ids("resources | where isnotempty(properties.PrivateEndpoint)"), []);
  });

  void it('isempty / isnotempty treat null and "" as empty; isnull / isnotnull only null', () => {
    assert.deepEqual(ids('resources | where isnotempty(properties.privateEndpoint)'), ['/b']);
    assert.deepEqual(ids('resources | where isempty(properties.privateEndpoint)'), ['/a', '/c', '/d']);
    assert.deepEqual(ids("resources | where isempty(properties['odd key'])"), ['/a', '/b', '/c', '/d']);
    assert.deepEqual(ids("resources | where isnotnull(properties['odd key'])"), ['/d']);
    assert.deepEqual(ids('resources | where isnull(tags)'), ['/b', '/c', '/d']);
    // An empty object is neither null nor empty.
    assert.deepEqual(ids('resources | where isnotempty(properties) and isnotnull(properties)'), ['/a', '/b', '/c', '/d']);
  });

  void it('reads single- and double-quoted strings with backslash escapes', () => {
    const rows = [row('/q', "it's \"x\"\\", 't', 'l'), row('/r', 'tab\there', 't', 'l')];
    assert.deepEqual(ids(`resources | where name == 'it\\'s "x"\\\\'`, rows), ['/q']);
    assert.deepEqual(ids(`resources | where name == "it's \\"x\\"\\\\"`, rows), ['/q']);
    assert.deepEqual(ids(`resources | where name == 'tab\\there' or name == "\\u0041"`, rows), ['/r']);
  });
});

void describe('kql: tabular operators', () => {
  void it('project keeps only the listed columns, in their order', () => {
    const out = runQuery(parseQuery("resources | where name == 'myregistry' | project name, id", TABLES), ROWS);
    assert.deepEqual(out, [{ name: 'myregistry', id: '/a' }]);
    assert.deepEqual(Object.keys(out[0] ?? {}), ['name', 'id']);
    assert.deepEqual(parseQuery('resources | project properties, id', TABLES).columns, [{ name: 'properties', type: 'dynamic' }, { name: 'id', type: 'string' }]);
  });

  void it('order by sorts descending unless asc is given, by several keys, stably; sort by is the same', () => {
    assert.deepEqual(ids('resources | order by location'), ['/a', '/b', '/d', '/c']);
    assert.deepEqual(ids('resources | order by location asc, id desc'), ['/c', '/d', '/b', '/a']);
    assert.deepEqual(ids('resources | sort by location asc'), ['/c', '/d', '/a', '/b']);
    assert.deepEqual(ids('resources | order by tags asc'), ['/b', '/c', '/d', '/a'], 'nulls first when ascending, ties keep their order');
  });

  void it('limit and take keep the first rows and mark the query as limited', () => {
    assert.deepEqual(ids('resources | order by id asc | take 2'), ['/a', '/b']);
    assert.deepEqual(ids('resources | limit 0'), []);
    assert.equal(parseQuery('resources | limit 3', TABLES).limited, true);
    assert.equal(parseQuery('resources', TABLES).limited, false);
  });

  void it('table names ignore case; comments and line breaks are whitespace', () => {
    const q = parseQuery("ResourceContainers // groups\n| where name =~ 'x'\n| project id", TABLES);
    assert.equal(q.table, 'resourcecontainers');
    assert.deepEqual(q.columns.map((c) => c.name), ['id']);
  });
});

void describe('kql: refusals say what and where', () => {
  void it('an operator Kusto has but the sandbox does not is UnsupportedOperator, with its position', () => {
    for (const [query, name, position] of [
      ['resources | summarize count() by type', 'summarize', 12],
      ['resources | extend x = 1', 'extend', 12],
      ['resources|join (resourcecontainers) on subscriptionId', 'join', 10],
      ['resources | project-away tags', 'project-away', 12],
    ] as const) {
      const e = refused(query);
      assert.equal(e.code, 'UnsupportedOperator', query);
      assert.equal(e.token, name);
      assert.deepEqual([e.line, e.characterPositionInLine], [1, position]);
      assert.match(e.message, new RegExp(`^Line 1, position ${position}: The sandbox does not support the '${name}' operator`));
    }
  });

  void it('unsupported comparisons, functions and project forms are UnsupportedOperator', () => {
    assert.equal(refused("resources | where name contains_cs 'reg'").token, 'contains_cs');
    assert.equal(refused("resources | where name !has 'reg'").token, '!has');
    assert.equal(refused("resources | where tolower(name) == 'x'").token, 'tolower');
    assert.equal(refused('resources | project n = name').code, 'UnsupportedOperator');
    assert.equal(refused('resources | project properties.loginServer').code, 'UnsupportedOperator');
    assert.equal(refused("resources | where name > 'a'").code, 'UnsupportedOperator');
  });

  void it('syntax errors are ParserFailure at the offending token, counting lines from 1 and positions from 0', () => {
    const unclosed = refused("resources | where name == 'myregistry");
    assert.deepEqual([unclosed.code, unclosed.line, unclosed.characterPositionInLine], ['ParserFailure', 1, 26]);
    assert.match(unclosed.message, /not closed/);
    const multiLine = refused("resources\n| where name == 'a'\n|   where type = 'b'");
    assert.deepEqual([multiLine.code, multiLine.line, multiLine.characterPositionInLine, multiLine.token], ['ParserFailure', 3, 15, '=']);
    const trailing = refused("resources | where name == 'a' name");
    assert.deepEqual([trailing.characterPositionInLine, trailing.token], [30, 'name']);
    assert.match(trailing.message, /Expected '\|' or the end of the query/);
    assert.equal(refused('resources |').token, '<end of query>');
    assert.equal(refused("resources | where name == myregistry").token, 'myregistry');
    assert.equal(refused("resources | where name in ()").token, ')');
    assert.equal(refused("resources | where (name == 'a'").token, '<end of query>');
    assert.equal(refused('resources | take ten').token, 'ten');
    assert.equal(refused('resources # x').token, '#');
    assert.equal(refused("resources | where name == 'a\\q'").token, '\\q');
    assert.equal(refused('').token, '<end of query>');
  });

  void it('unknown tables, columns and operators are refused; a column dropped by project is gone', () => {
    assert.match(refused('securityresources').message, /Table 'securityresources' is not served by the sandbox/);
    const unknown = refused("resources | where Name == 'x'");
    assert.deepEqual([unknown.code, unknown.token, unknown.characterPositionInLine], ['ParserFailure', 'Name', 18]);
    assert.match(unknown.message, /Unknown column 'Name'/);
    assert.equal(refused("resources | project id | where name == 'x'").token, 'name');
    assert.equal(refused('resources | project id | order by name asc').token, 'name');
    assert.equal(refused('resources | frobnicate').code, 'ParserFailure');
    assert.equal(refused('resources | project id, id').token, 'id');
    assert.equal(refused('resources | order id').token, 'id');
  });

  void it('a query that starts with an operator reads the resources table, as Azure Resource Graph does', () => {
    assert.deepEqual(ids("where location == 'eastus' | project id"), ['/c']);
    assert.equal(parseQuery('project id, tags | limit 2', TABLES).table, 'resources');
    assert.equal(refused('summarize count() by type').code, 'UnsupportedOperator');
  });
});
