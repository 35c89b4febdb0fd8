import { passesLuhn } from "./checksums.js";

/**
 * Issuer prefixes (IIN ranges, inclusive, compared on their own number of leading digits) and the
 * lengths each brand issues, from the brands' published numbering (ISO/IEC 7812). A Luhn-valid run
 * of digits at another length is an order number or a measurement, not a card.
 */
const BRANDS: readonly (readonly [from: string, to: string, lengths: readonly number[]])[] = [
  ["4", "4", [13, 16, 19]], // Visa
  ["51", "55", [16]], // Mastercard
  ["2221", "2720", [16]], // Mastercard 2-series
  ["34", "34", [15]], // American Express
  ["37", "37", [15]],
  ["6011", "6011", [16, 17, 18, 19]], // Discover
  ["644", "649", [16, 17, 18, 19]],
  ["65", "65", [16, 17, 18, 19]],
  ["62", "62", [16, 17, 18, 19]], // UnionPay (and Discover's 622126–622925)
  ["3528", "3589", [16, 17, 18, 19]], // JCB
  ["36", "36", [14, 15, 16, 17, 18, 19]], // Diners Club International
  ["300", "305", [14, 16, 17, 18, 19]], // Diners Club, Carte Blanche
  ["3095", "3095", [16, 17, 18, 19]],
  ["38", "39", [16, 17, 18, 19]],
  ["2200", "2204", [16, 17, 18, 19]], // Mir
  // Maestro issues 12 to 19 digits; below 16 a run is more likely an account or order id.
  ["5018", "5018", [16, 17, 18, 19]],
  ["5020", "5020", [16, 17, 18, 19]],
  ["5038", "5038", [16, 17, 18, 19]],
  ["5893", "5893", [16, 17, 18, 19]],
  ["6304", "6304", [16, 17, 18, 19]],
  ["6759", "6759", [16, 17, 18, 19]],
  ["6761", "6763", [16, 17, 18, 19]],
];

/** Whether `digits` (digits only) has a card brand's prefix and length and passes the Luhn check. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  for (const [from, to, lengths] of BRANDS) {
    const prefix = digits.slice(0, from.length);
    if (prefix >= from && prefix <= to && lengths.includes(digits.length)) return passesLuhn(digits);
  }
  return false;
}

/** After a card number's first four digits: the rest as one run, or in the groups printed on cards. */
const CARD_REST = ["\\d{9,15}", "(?: \\d{4}){2,3}(?: \\d{1,4})?", "(?:-\\d{4}){2,3}(?:-\\d{1,4})?", " \\d{6} \\d{4,5}", "-\\d{6}-\\d{4,5}"].join("|");
/** Neither followed by a letter nor by more of the number: `…1111.5`, `…1111-2`. */
const CARD_END = "(?!\\w|[.,-]\\d)";

/**
 * Candidate card numbers: 13 to 19 digits starting 2 to 6, written as one run or in the groups
 * printed on cards (4-4-4-4, 4-6-5) with one kind of separator, and never part of a longer number
 * or a decimal's digits (`1.4142135623730951`, `112-3456789-1234567`). Whole candidates are
 * looked ahead for before looking behind them: with the look-behind first, the pattern ran three
 * times slower over text full of short numbers.
 */
export const CARD_CANDIDATE = `\\b[2-6]\\d{3}(?=(?:${CARD_REST})${CARD_END})(?<!\\.\\d{4}|\\d[,-]\\d{4})(?:${CARD_REST})${CARD_END}`;
