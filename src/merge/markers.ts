import { hash } from 'node:crypto';

/**
 * The marker format. A generated section is
 *
 *   <!-- trackgen:begin module-progress hash=3f2a9c0d1b7e (generated: edits here are kept but flagged) -->
 *   …body…
 *   <!-- trackgen:end module-progress -->
 *
 * Words after the id: `hash=` (required) the hash of the rendering the text is based on;
 * `text=` (written by `accept`) the hash of the text a person accepted as the new baseline;
 * `pinned` (written by a person) never regenerate. Anything in parentheses is a hint for readers.
 * One line per file, `<!-- trackgen:manifest a b c -->`, lists the ids trackgen generated there, so
 * a section whose markers a person deleted is not added again.
 */
export const HASH_LENGTH = 12;
export const HINT = '(generated: edits here are kept but flagged)';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const HASH_PATTERN = new RegExp(`^[0-9a-f]{${HASH_LENGTH}}$`);

/** A line that is a trackgen marker comment and nothing else (trailing blanks allowed). */
export const MARKER_LINE = /^<!--[ \t]*trackgen:(begin|end|manifest)\b(.*?)-->[ \t]*$/;
/** A marker-like comment anywhere: used to spot markers that are not on a line of their own. */
export const MARKER_LIKE = /<!--[ \t]*trackgen:(?:begin|end|manifest)\b/;

export function isSectionId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The body with LF line endings, so a file converted to CRLF still matches its hashes. */
export function normaliseBody(body: string): string {
  return body.includes('\r') ? body.replace(/\r\n/g, '\n') : body;
}

export function hashBody(body: string): string {
  // One-shot hash (Node >= 20.12): much cheaper than createHash for thousands of small bodies.
  return hash('sha256', normaliseBody(body), 'hex').slice(0, HASH_LENGTH);
}

export interface BeginAttributes {
  readonly id: string;
  readonly hash: string;
  /** Hash of the text a person accepted; absent when the text is expected to equal the rendering. */
  readonly text?: string;
  readonly pinned: boolean;
}

export function formatBegin(attributes: BeginAttributes): string {
  const words = [attributes.id];
  if (attributes.pinned) words.push('pinned');
  words.push(`hash=${attributes.hash}`);
  if (attributes.text !== undefined && attributes.text !== attributes.hash)
    words.push(`text=${attributes.text}`);
  return `<!-- trackgen:begin ${words.join(' ')} ${HINT} -->`;
}

export function formatEnd(id: string): string {
  return `<!-- trackgen:end ${id} -->`;
}

export function formatManifest(ids: readonly string[]): string {
  return `<!-- trackgen:manifest ${ids.join(' ')} -->`;
}

/**
 * Wraps one rendered section in markers. Called by the renderer's `{{#section "id"}}` helper;
 * `body` is LF text. The result has no trailing newline: the template's own line break follows.
 */
export function wrapSection(id: string, body: string): string {
  if (!isSectionId(id)) {
    throw new Error(
      `Cannot wrap section with id ${JSON.stringify(id)}, expected letters, digits, and . _ : / - (starting with a letter or digit)`,
    );
  }
  let normalised = normaliseBody(body);
  if (normalised !== '' && !normalised.endsWith('\n')) normalised += '\n';
  return `${formatBegin({ id, hash: hashBody(normalised), pinned: false })}\n${normalised}${formatEnd(id)}`;
}

export type ParsedMarker =
  | { readonly kind: 'begin'; readonly attributes: BeginAttributes }
  | { readonly kind: 'end'; readonly id: string }
  | { readonly kind: 'manifest'; readonly ids: readonly string[] }
  /** `id` is set when the marker names one, so its partner can still be paired. */
  | {
      readonly kind: 'invalid';
      readonly of: string;
      readonly id?: string;
      readonly message: string;
    };

/** The begin marker exactly as wrapSection writes it: most markers, so read without splitting. */
const CANONICAL_BEGIN = new RegExp(
  `^ ([A-Za-z0-9][A-Za-z0-9._:/-]*) hash=([0-9a-f]{${HASH_LENGTH}}) ${HINT.replace(/[()]/g, '\\$&')} $`,
);

/** Parses the words of a marker line already matched by MARKER_LINE. */
export function parseMarker(kind: string, rest: string): ParsedMarker {
  if (kind === 'begin') {
    const canonical = CANONICAL_BEGIN.exec(rest);
    if (canonical?.[1] !== undefined && canonical[2] !== undefined) {
      return { kind: 'begin', attributes: { id: canonical[1], hash: canonical[2], pinned: false } };
    }
  }
  const words = rest
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (kind === 'manifest') {
    const bad = words.find((word) => !isSectionId(word));
    if (bad !== undefined)
      return {
        kind: 'invalid',
        of: kind,
        message: `Cannot read manifest: \`${bad}\` is not a section id`,
      };
    return { kind: 'manifest', ids: words };
  }
  const [id, ...others] = words;
  if (id === undefined || !isSectionId(id)) {
    return {
      kind: 'invalid',
      of: kind,
      message: `Cannot read ${kind} marker: expected a section id after \`trackgen:${kind}\`, got ${id === undefined ? 'nothing' : `\`${id}\``}`,
    };
  }
  if (kind === 'end') {
    if (others.length > 0)
      return {
        kind: 'invalid',
        of: kind,
        id,
        message: `Cannot read end marker of \`${id}\`: unexpected \`${others.join(' ')}\` after the id`,
      };
    return { kind: 'end', id };
  }
  let hash: string | undefined;
  let text: string | undefined;
  let pinned = false;
  for (const word of others) {
    const [key, value] = word.split('=', 2);
    if (word === 'pinned') pinned = true;
    else if (
      (key === 'hash' || key === 'text') &&
      value !== undefined &&
      HASH_PATTERN.test(value)
    ) {
      if (key === 'hash') hash = value;
      else text = value;
    } else {
      return {
        kind: 'invalid',
        of: kind,
        id,
        message: `Cannot read begin marker of \`${id}\`: unknown word \`${word}\`, expected \`hash=<${HASH_LENGTH} hex digits>\`, \`text=<${HASH_LENGTH} hex digits>\` or \`pinned\``,
      };
    }
  }
  if (hash === undefined) {
    return {
      kind: 'invalid',
      of: kind,
      id,
      message: `Cannot read begin marker of \`${id}\`: missing \`hash=\`, expected e.g. \`<!-- trackgen:begin ${id} hash=0123456789ab -->\``,
    };
  }
  return {
    kind: 'begin',
    attributes: text === undefined ? { id, hash, pinned } : { id, hash, text, pinned },
  };
}
