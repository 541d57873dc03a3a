/**
 * Numbers compare as double-precision values, but a number written with more digits than a double holds
 * (37.808480096967251) is not ordered against a bound: `<`, `<=`, `>`, `>=` never match it, while
 * equality (an exact number, `=`, anything-but) still compares its double. This is what the reference
 * engine counts on the city-lots benchmark. The text is exact when its decimal value is the one the parsed
 * double prints as (`3.0e2`, `300` and `0.1` are exact; so is every literal of 15 digits or fewer).
 */
export function isExactNumberText(text: string, value: number): boolean {
  return decimalKey(text) === decimalKey(String(value));
}

/** A canonical form of a decimal literal: sign, significant digits, and the exponent of the last digit. */
function decimalKey(text: string): string {
  let i = 0;
  const negative = text[0] === '-';
  if (negative) i++;
  let digits = '';
  let exponent = 0;
  let seenPoint = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '.') seenPoint = true;
    else if (c === 'e' || c === 'E') break;
    else {
      digits += c;
      if (seenPoint) exponent--;
    }
  }
  if (i < text.length) exponent += Number(text.slice(i + 1));
  const lead = digits.search(/[^0]/);
  if (lead < 0) return '0';
  digits = digits.slice(lead);
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  return `${negative ? '-' : ''}${trimmed}e${exponent}`;
}
