const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A report string made safe for both element text and quoted attribute values: test names are
 * whatever the user wrote (`<`, `&`, quotes), and the page must show them, never run them.
 *
 * @internal
 * @example
 * ```ts
 * escapeHtml('decrypts <img src=x> & "more"'); // 'decrypts &lt;img src=x&gt; &amp; &quot;more&quot;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * A tagged template that escapes every interpolated string and joins interpolated arrays, so
 * markup is written as markup and nothing from the report can slip in unescaped. Already-built
 * markup is passed as {@link Markup}.
 *
 * @internal
 * @example
 * ```ts
 * html`<li>${testName}</li>`; // testName escaped
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return { markup: out };
}

/**
 * An identifier (an operation or exception name) that may wrap only between its words: escaped,
 * with a line-break opportunity where a new word starts (`KMS|Invalid|State|Exception`).
 *
 * @internal
 * @example
 * ```ts
 * wrappableName('GenerateDataKey'); // 'Generate<wbr>Data<wbr>Key'
 * ```
 */
export const wrappableName = (name: string): Markup => ({ markup: escapeHtml(name).replace(/([a-z])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g, '$1$2<wbr>') });

/**
 * Our own constant markup (the stylesheet), inserted unescaped: never pass report data here.
 *
 * @internal
 * @example
 * ```ts
 * html`<style>${trustedMarkup(stylesheet)}</style>`;
 * ```
 */
export const trustedMarkup = (markup: string): Markup => ({ markup });

/** Markup this module built, inserted as is by {@link html}. @internal */
export interface Markup {
  readonly markup: string;
}

/** What {@link html} accepts: text to escape, numbers, built markup, lists of these, or nothing. @internal */
export type HtmlValue = string | number | Markup | readonly HtmlValue[] | undefined | false;

function render(value: HtmlValue): string {
  if (value === undefined || value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  if (isMarkupList(value)) return value.map(render).join('');
  return value.markup;
}

const isMarkupList = (value: Markup | readonly HtmlValue[]): value is readonly HtmlValue[] => Array.isArray(value);
