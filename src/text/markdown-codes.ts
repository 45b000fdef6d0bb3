/**
 * Characters the Markdown scanners look at, as UTF-16 code units (`charCodeAt`): the merge
 * scanner and the outline reader decide from one character whether a line needs a closer look.
 */
export const TAB = 9;
export const CARRIAGE_RETURN = 13;
export const SPACE = 32;
export const HYPHEN = 45;
export const LESS_THAN = 60;
export const EQUALS = 61;
export const BACKTICK = 96;
export const TILDE = 126;
export const NO_BREAK_SPACE = 0xa0;
