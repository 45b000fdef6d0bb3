/**
 * Typed arrays cut from shared slabs: a large report has tens of thousands of files, and an
 * ArrayBuffer of its own for each of a file's four arrays costs more than the lines it holds.
 * A slab lives as long as any array cut from it; the arrays of one report live together.
 */
export class Slabs {
  static readonly SIZE = 1 << 20;
  #int32 = new Int32Array(0);
  #int32Used = 0;
  #uint8 = new Uint8Array(0);
  #uint8Used = 0;

  int32(length: number): Int32Array {
    if (length * 4 > Slabs.SIZE / 8) return new Int32Array(length);
    if (this.#int32Used + length > this.#int32.length) {
      this.#int32 = new Int32Array(Slabs.SIZE / 4);
      this.#int32Used = 0;
    }
    const array = this.#int32.subarray(this.#int32Used, this.#int32Used + length);
    this.#int32Used += length;
    return array;
  }

  uint8(length: number): Uint8Array {
    if (length > Slabs.SIZE / 8) return new Uint8Array(length);
    if (this.#uint8Used + length > this.#uint8.length) {
      this.#uint8 = new Uint8Array(Slabs.SIZE);
      this.#uint8Used = 0;
    }
    const array = this.#uint8.subarray(this.#uint8Used, this.#uint8Used + length);
    this.#uint8Used += length;
    return array;
  }
}
