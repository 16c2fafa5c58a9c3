/**
 * Python's rounding and float printing, so meta-prompts match the official implementation byte
 * for byte. Python rounds ties to even on the float's exact value.
 */

/** Python's `round(x)` for a finite number: nearest integer, exact ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction === 0.5) {
    return floor % 2 === 0 ? floor : floor + 1;
  }
  return Math.round(x);
}

/**
 * Python's `round(x, 3)`. A double is exactly halfway between two 3-decimal numbers only when
 * `x * 16` is an odd integer (the tie (2k+1)/2000 is dyadic only then); every other value rounds to
 * nearest, which `toFixed` does on the exact value.
 */
export function roundTo3(x: number): number {
  const sixteenths = x * 16;
  if (Number.isInteger(sixteenths) && Math.abs(sixteenths % 2) === 1) {
    return roundHalfEven(x * 1000) / 1000;
  }
  return Number(x.toFixed(3));
}

/** Python's `repr(float)`: shortest round-trip digits, with `.0` on whole numbers. */
export function pythonFloatRepr(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}
