/**
 * What fast-xml-parser gives for an element (its attributes and children by name), read
 * defensively: the Cobertura skeleton and the JUnit reader take any document a user names.
 */
export type XmlNode = { readonly [key: string]: unknown };

/** An element, or undefined for text, a list or nothing. */
export function asNode(value: unknown): XmlNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as XmlNode)
    : undefined;
}

/** fast-xml-parser gives one child as itself and several as a list: always a list here. */
export function asArray(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
