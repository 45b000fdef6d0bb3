/**
 * JSON's structural characters as codes: the same numbers as UTF-8 bytes (the report readers
 * scan bytes) and as UTF-16 code units (the record scanner reads `charCodeAt`), all ASCII.
 */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const MINUS = 0x2d;
export const ZERO = 0x30;
export const NINE = 0x39;
