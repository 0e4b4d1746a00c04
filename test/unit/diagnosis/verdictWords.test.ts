// One wording per verdict: the Markdown report, the checker's table and the status panel say the
// same word for each (the tree takes the same function), in English and in zh-TW.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCheckReport, reportMarkdown, verdictWord, type CheckReport, type FqdnRow, type Verdict } from '../../../src/diagnosis';
import { renderText } from '../../../src/cli/textOutput';
import { useLanguage } from '../../../src/cli/language';
import { statusStateFromReport } from '../../../src/webviews/statusModel';
import { seedTopology } from './builder';

// A Record, so that a verdict added to `Verdict` and not here fails to compile.
const everyVerdict: Record<Verdict, true> = { ok: true, missing: true, wrongIp: true, orphaned: true, public: true, nxdomain: true, unknown: true };

interface Case {
  verdict: Verdict;
  dependsOnDnsServers?: string[];
}
const cases: Case[] = [...(Object.keys(everyVerdict) as Verdict[]).map((verdict) => ({ verdict })), { verdict: 'unknown', dependsOnDnsServers: ['10.0.0.4'] }];
const fqdnOf = (c: Case, i: number) => `row${i}-${c.verdict}${c.dependsOnDnsServers ? '-dns' : ''}.azurecr.io`;

/** The seed registry's report with one row per verdict (no note, so each view shows the word alone). */
function reportWithEveryVerdict(): { report: CheckReport; snapshot: ReturnType<typeof seedTopology>['snapshot'] } {
  const { snapshot, registry } = seedTopology();
  const report = buildCheckReport(snapshot, registry.id, undefined, () => new Date('2025-01-02T03:04:05.000Z'));
  const model = report.table[0]!;
  const table: FqdnRow[] = cases.map((c, i) => {
    const { note: _note, dependsOnDnsServers: _servers, ...rest } = model;
    return { ...rest, fqdn: fqdnOf(c, i), verdict: c.verdict, ...(c.dependsOnDnsServers ? { dependsOnDnsServers: c.dependsOnDnsServers } : {}) };
  });
  return { report: { ...report, table }, snapshot };
}

/** What each view says for each case, in the order of `cases`. */
function wordsShown(): { panel: string[]; markdown: string[]; text: string[] } {
  const { report, snapshot } = reportWithEveryVerdict();
  const panel = statusStateFromReport(report, snapshot, 'system').rows.map((r) => r.verdict);
  const markdownLines = reportMarkdown(report).split('\n');
  const markdown = cases.map((c, i) => {
    const line = markdownLines.find((l) => l.startsWith(`| ${fqdnOf(c, i)} |`));
    assert.ok(line, `the report has a row for ${fqdnOf(c, i)}`);
    return line.split(' | ').at(-1)!.replace(/ \|$/, '');
  });
  const textLines = renderText(report).split('\n');
  const text = cases.map((c, i) => {
    const line = textLines.find((l) => l.startsWith(`${fqdnOf(c, i)} `));
    assert.ok(line, `the checker's table has a row for ${fqdnOf(c, i)}`);
    return line.split(/ {2,}/).at(-1)!;
  });
  return { panel, markdown, text };
}

void test('the report, the checker and the status panel give the same word for every verdict', () => {
  const { panel, markdown, text } = wordsShown();
  const expected = cases.map((c) => verdictWord(c.verdict, c.dependsOnDnsServers));
  assert.deepEqual(panel, expected);
  assert.deepEqual(markdown, expected);
  assert.deepEqual(text, expected);
  assert.deepEqual(expected, ['ok', 'missing', 'wrong IP', 'orphaned', 'resolves public', 'NXDOMAIN', 'could not check', 'depends on your DNS servers']);
});

void test('in zh-TW the three say the same translated word for every verdict', () => {
  useLanguage('zh-tw');
  try {
    const { panel, markdown, text } = wordsShown();
    assert.deepEqual(panel, markdown);
    assert.deepEqual(text, markdown);
    assert.deepEqual(markdown, ['正常', '遺漏', 'IP 錯誤', '孤立', '解析為公用 IP', 'NXDOMAIN', '無法檢查', '取決於您的 DNS 伺服器']);
  } finally {
    useLanguage('en');
  }
});
