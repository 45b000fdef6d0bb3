/**
 * Reading a figure a record may hold as a number or as `{ "value": 73, "estimated": true }`
 * (the schema's `estimable`). Every consumer reads through here, so none cares which form a
 * person typed.
 */

/** A figure as the schema allows it. */
export type EstimableFigure = number | { readonly value: number; readonly estimated: boolean };

export interface FigureReading {
  readonly value: number;
  readonly estimated: boolean;
}

/** The figure's value and whether it was estimated; undefined when nobody recorded it. */
export function readFigure(figure: EstimableFigure | undefined): FigureReading | undefined {
  if (figure === undefined) return undefined;
  if (typeof figure === 'number') return { value: figure, estimated: false };
  return { value: figure.value, estimated: figure.estimated };
}

/** Just the value, for arithmetic; undefined when nobody recorded it. */
export function figureValue(figure: EstimableFigure | undefined): number | undefined {
  return readFigure(figure)?.value;
}
