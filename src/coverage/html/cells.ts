import type { KmsCoverageTestRef, KmsOperationCoverage, KmsOutcomeCoverage, KmsOutcomeSource } from '../schema';
import { html, wrappableName, type Markup } from './escape';

/** Each source's heading, in the order the schema gives outcomes (success, key states, modelled, faults). */
const groupNames: Readonly<Record<KmsOutcomeSource, string>> = {
  success: 'Success',
  'key-state': 'Key states',
  modelled: 'Exceptions',
  fault: 'Faults',
};

const sources = Object.keys(groupNames) as readonly KmsOutcomeSource[];

/** Whether a threshold names this outcome: by its id, or by the exception it answers. */
export type RequiredTest = (outcome: KmsOutcomeCoverage) => boolean;

/**
 * One operation's outcomes as cells, grouped by where they come from. A tested cell opens to
 * the tests that reached it; an untested one says so.
 *
 * @internal
 * @example
 * ```ts
 * html`<td>${outcomeGroups(decrypt, () => false)}</td>`;
 * ```
 */
export function outcomeGroups(operation: KmsOperationCoverage, isRequired: RequiredTest): Markup {
  return html`${sources.map((source) => {
    const outcomes = operation.outcomes.filter((outcome) => outcome.source === source);
    if (outcomes.length === 0) return undefined;
    return html`<div class="group"><div class="group-name" aria-hidden="true">${groupNames[source]}</div><ul class="cells" aria-label="${operation.operation}: ${groupNames[source].toLowerCase()}">${outcomes.map((outcome) => outcomeCell(outcome, isRequired(outcome)))}</ul></div>`;
  })}`;
}

function outcomeCell(outcome: KmsOutcomeCoverage, required: boolean): Markup {
  const title = html`<span class="title">${mark(outcome.tested)}<span>${wrappableName(cellName(outcome))}</span></span>${cellDetail(outcome)}`;
  const tag = required ? html` <span class="required" title="a threshold names this outcome or its exception">required</span>` : undefined;
  if (!outcome.tested) {
    return html`<li class="cell untested" data-outcome="${outcome.id}">${title}<span class="reach">never tested${tag}</span></li>`;
  }
  return html`<li class="cell tested" data-outcome="${outcome.id}"><details><summary>${title}<span class="reach">${reach(outcome)}${tag}</span></summary>${testList(outcome.tests)}</details></li>`;
}

/**
 * The mark that says tested or not without colour; its label is what assistive technology reads
 * (and what the page's tests count by role).
 *
 * @internal
 * @example
 * ```ts
 * mark(false); // <span class="mark" role="img" aria-label="untested">✗</span>
 * ```
 */
export const mark = (tested: boolean): Markup =>
  tested ? html`<span class="mark" role="img" aria-label="tested">✓</span>` : html`<span class="mark" role="img" aria-label="untested">✗</span>`;

/** A key-state cell is named by the state (its exception is shared by most of the row); the rest by what the caller gets. */
const cellName = (outcome: KmsOutcomeCoverage): string => (outcome.source === 'key-state' ? outcome.keyState : outcome.exception) ?? outcome.id;

const cellDetail = (outcome: KmsOutcomeCoverage): Markup | undefined =>
  outcome.source === 'key-state' ? html`<span class="detail">${wrappableName(outcome.exception ?? outcome.id)}</span>` : undefined;

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const reach = (outcome: KmsOutcomeCoverage): string => `${plural(outcome.tests.length, 'test')} · ${plural(outcome.calls, 'call')}`;

/** The tests under their files: the report sorts them by file then name, and a file is named once. */
function testList(tests: readonly KmsCoverageTestRef[]): Markup {
  const byFile = new Map<string, string[]>();
  for (const test of tests) {
    const names = byFile.get(test.file);
    if (names) names.push(test.name);
    else byFile.set(test.file, [test.name]);
  }
  return html`<div class="tests">${[...byFile].map(([file, names]) => html`<div class="file">${file}</div><ul>${names.map((name) => html`<li>${name}</li>`)}</ul>`)}</div>`;
}
