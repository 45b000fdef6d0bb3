/**
 * pytest's JUnit XML (`pytest --junitxml=FILE`), counted the way pytest's terminal counts:
 * - a `<testcase>` with `<failure>` failed (a strict xfail that passed is one too);
 * - each `<error>` is an error: in setup, teardown or collection. A teardown error after a
 *   passing call is the only child of its test's one `<testcase>`: that test passed too. After a
 *   failing call pytest writes a second `<testcase>` for the error, and the test counts once;
 * - `<skipped type="pytest.xfail">` is an expected failure (xfailed), any other `<skipped>` a skip;
 * - a `<testcase>` with none of them passed. JUnit XML has no mark for an unexpected pass
 *   (xpass): it counts as passed here, and pytest's summary line tells them apart.
 * fast-xml-parser is loaded only when a JUnit file is read.
 */
import type { ResultsProblem, TestResults } from './results.js';
import { asArray, asNode, type XmlNode } from '../text/xml-nodes.js';

const ARRAY_TAGS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped']);

export type JunitRead =
  | { readonly ok: true; readonly results: Required<Omit<TestResults, 'xpassed' | 'warnings'>> }
  | { readonly ok: false; readonly problem: ResultsProblem };

export async function readJunit(text: string, file: string): Promise<JunitRead> {
  // fast-xml-parser 5 marks its validator deprecated in favour of a separate package; it still
  // ships, and the Cobertura reader uses it alike.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    return fail(
      file,
      `expected JUnit XML, found XML that is not well-formed: ${msg.replace(/\.$/, '')}`,
      line,
      col,
    );
  }
  const parser = new XMLParser({
    attributeNamePrefix: '',
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(file, `expected JUnit XML, found a document that cannot be read: ${message}`);
  }
  const wrapper = document['testsuites'];
  const rootSuites = document['testsuite'];
  if (wrapper === undefined && rootSuites === undefined) {
    const found = Object.keys(document)[0];
    return fail(
      file,
      `expected <testsuites> or <testsuite> as the root element (pytest --junitxml), found ${found === undefined ? 'no element' : `<${found}>`}`,
    );
  }
  const suites =
    wrapper === undefined ? asArray(rootSuites) : asArray(asNode(wrapper)?.['testsuite']);
  return { ok: true, results: countCases(suites.flatMap(casesOf)) };
}

/** Test cases of a suite, nested suites included (other tools nest them; pytest does not). */
function casesOf(suite: unknown): XmlNode[] {
  const node = asNode(suite);
  if (node === undefined) return [];
  return [
    ...asArray(node['testcase']).flatMap((testcase) => {
      const found = asNode(testcase);
      return found === undefined ? (testcase === '' ? [{}] : []) : [found];
    }),
    ...asArray(node['testsuite']).flatMap(casesOf),
  ];
}

function countCases(cases: readonly XmlNode[]) {
  const seen = new Set<string>();
  const counts = { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0 };
  for (const testcase of cases) {
    const id = `${attribute(testcase, 'classname')}\u0000${attribute(testcase, 'name')}`;
    const seenBefore = seen.has(id);
    seen.add(id);
    if (!seenBefore) counts.total++;
    const failures = asArray(testcase['failure']);
    const errors = asArray(testcase['error']);
    const skips = asArray(testcase['skipped']);
    counts.errors += errors.length;
    if (failures.length > 0) counts.failed++;
    for (const skip of skips) {
      if (asNode(skip)?.['type'] === 'pytest.xfail') counts.xfailed++;
      else counts.skipped++;
    }
    const teardownOnly =
      failures.length === 0 &&
      skips.length === 0 &&
      errors.length > 0 &&
      errors.every((error) => attribute(asNode(error), 'message').startsWith('failed on teardown'));
    if (failures.length + errors.length + skips.length === 0 || (teardownOnly && !seenBefore))
      counts.passed++;
  }
  return counts;
}

function fail(file: string, message: string, line?: number, column?: number): JunitRead {
  return {
    ok: false,
    problem: { file, message, ...(line === undefined ? {} : { line, column: column ?? 1 }) },
  };
}

function attribute(node: XmlNode | undefined, name: string): string {
  const value = node?.[name];
  return typeof value === 'string' ? value : '';
}
