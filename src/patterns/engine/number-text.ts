import { isExactNumberText } from '../operators/number-precision.js';
import type { NumberNeeds } from './number-needs.js';

/** Powers of ten that doubles hold exactly. */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
/** No double needs more significant digits than this to be written exactly (shortest round trip). */
const MAX_EXACT_DIGITS = 17;

/**
 * Reads JSON number literals. Up to 15 significant digits without exponent, the digits are accumulated
 * exactly and divided once by an exact power of ten, which IEEE rounding makes the correctly rounded
 * result (Clinger's fast path), and such a literal is always exact. Longer literals are parsed exactly
 * (`Number`) only near a number the path's tests compare against (see `NumberNeeds`), and their
 * precision is checked only where it can change the outcome. After each `read`, `exact` tells whether
 * the literal is exact (more than 17 significant digits never is).
 */
export class NumberReader {
  exact = true;
  /** Where the literal read last ended. */
  end = 0;

  /**
   * The value of `text[start, end)` (NaN when malformed) for a path whose tests need `needs`; `order`:
   * some test orders numbers, so precision matters.
   */
  read(text: string, start: number, needs: NumberNeeds, order: boolean): number {
    this.exact = true;
    let i = start;
    const negative = text.charCodeAt(i) === 45;
    if (negative) i++;
    let mantissa = 0;
    let digits = 0;
    let significant = 0;
    let scale = -1;
    for (; ; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (digits > 0 || c !== 48) {
          digits++;
          if (c !== 48) significant = digits;
        }
        mantissa = mantissa * 10 + (c - 48);
        if (scale >= 0) scale++;
      } else if (c === 46 && scale < 0) {
        scale = 0;
      } else if (c === 101 || c === 69 || c === 43 || c === 45 || c === 46) {
        return this.#slow(text.slice(start, this.#skipLiteral(text, i)), order);
      } else {
        break;
      }
    }
    this.end = i;
    if (i === start + (negative ? 1 : 0)) return Number.NaN;
    const end = i;
    if (scale === 0) return Number.NaN;
    if (digits <= 15 && scale <= 15) {
      const value = scale > 0 ? mantissa / POW10[scale] : mantissa;
      return negative ? -value : value;
    }
    const magnitude = scale > 0 ? mantissa / (scale < POW10.length ? POW10[scale] : 10 ** scale) : mantissa;
    const approx = negative ? -magnitude : magnitude;
    if (needs.isNear(approx)) return this.#slow(text.slice(start, end), order);
    // Far from every compared number: the approximation decides all comparisons; precision only
    // matters inside an ordering range.
    if (order && needs.insideRange(approx)) {
      if (significant > MAX_EXACT_DIGITS) this.exact = false;
      else {
        const literal = text.slice(start, end);
        this.exact = isExactNumberText(literal, parseLiteral(literal));
      }
    }
    return approx;
  }

  #skipLiteral(text: string, from: number): number {
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || c === 101 || c === 69 || c === 43 || c === 45 || c === 46) i++;
      else break;
    }
    this.end = i;
    return i;
  }

  #slow(literal: string, order: boolean): number {
    const value = parseLiteral(literal);
    if (order && !Number.isNaN(value)) this.exact = isExactNumberText(literal, value);
    return value;
  }
}

function parseLiteral(literal: string): number {
  const value = Number(literal);
  return Number.isNaN(value) || literal.trim() !== literal || literal === '' ? Number.NaN : value;
}
