/*
 * Scoring of The CAIO Course's practice quizzes: grading/grader/scoring.py, in the page.
 * A table of cases generated from the Python code (tests/browser) checks that both agree.
 * Points are exact fractions [numerator, denominator] of BigInts, shown as format_points does.
 */
window.caioScoring = (() => {
  "use strict";

  const gcd = (a, b) => (b ? gcd(b, a % b) : a < 0n ? -a : a);

  function reduce(numerator, denominator) {
    const divisor = gcd(numerator, denominator) || 1n;
    return [numerator / divisor, denominator / divisor];
  }

  /** "1.25", "-3", "1e-05" -> an exact fraction, or null. */
  function parseDecimal(text) {
    const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(String(text));
    if (!match || (match[2] === "" && !match[3])) {
      return null;
    }
    const fraction = match[3] || "";
    const digits = BigInt((match[2] || "0") + fraction) * (match[1] === "-" ? -1n : 1n);
    const exponent = BigInt((match[4] ? parseInt(match[4], 10) : 0) - fraction.length);
    return exponent >= 0n ? reduce(digits * 10n ** exponent, 1n) : reduce(digits, 10n ** -exponent);
  }

  /** Python's format_points: "3" for 3, "0.67" for 2/3 (two decimals, half up, no zeros). */
  function formatPoints([numerator, denominator]) {
    if (denominator === 1n) {
      return String(numerator);
    }
    const sign = numerator < 0n ? "-" : "";
    const magnitude = sign ? -numerator : numerator;
    const hundredths = (magnitude * 200n + denominator) / (2n * denominator);
    const decimals = String(hundredths % 100n).padStart(2, "0").replace(/0+$/, "");
    const text = String(hundredths / 100n) + (decimals ? "." + decimals : "");
    return (text === "0" ? "" : sign) + text;
  }

  function withinTolerance(givenText, keyText, toleranceText) {
    const [given, key, tolerance] = [givenText, keyText, toleranceText].map(parseDecimal);
    if (!given || !key || !tolerance) {
      return false;
    }
    let difference = given[0] * key[1] - key[0] * given[1];
    difference = difference < 0n ? -difference : difference;
    return difference * tolerance[1] <= tolerance[0] * given[1] * key[1];
  }

  /* Python's str.split() and str.strip() whitespace, exactly. */
  const SPACES =
    "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  const WHITESPACE = new RegExp(SPACES);
  const ENDS = new RegExp("^" + SPACES + "|" + SPACES + "$", "g");
  /* Where str.casefold() differs from toLowerCase() after NFKC (sharp s, Greek variants). */
  const FOLDS = { ß: "ss", ς: "σ", ϐ: "β", ϑ: "θ", ϕ: "φ", ϖ: "π", ϰ: "κ", ϱ: "ρ", ϵ: "ε" };
  const FOLDED = /[ßςϐϑϕϖϰϱϵ]/g;

  /**
   * Python's unicodedata.combining(char) != 0: canonical ordering moves such a mark past one
   * of class 1 (U+0334) or 240 (U+0345); a mark of class 0 (a Devanagari vowel sign) stays.
   */
  function combines(char) {
    const after = "a" + char + "\u0334";
    const before = "a\u0345" + char;
    return after.normalize("NFD") !== after || before.normalize("NFD") !== before;
  }

  function normaliseText(text, ignoreAccents) {
    let folded = String(text)
      .normalize("NFKC")
      .toLowerCase()
      .replace(FOLDED, (char) => FOLDS[char]);
    if (ignoreAccents) {
      const kept = Array.from(folded.normalize("NFKD")).filter(
        (char) => !/\p{M}/u.test(char) || !combines(char),
      );
      folded = kept.join("").normalize("NFKC");
    }
    return folded
      .split(WHITESPACE)
      .filter((part) => part)
      .join(" ");
  }

  const allOrNothing = (right) => [right ? 1 : 0, 1, [right ? "right" : "wrong", {}]];

  /** [right, out of, reason], like the grader's Score; the reason is a message key
   * ("reason.<key>" in the page's messages) and its counts, worded by the page. */
  function share(key, answer) {
    const wanted = key.answer;
    switch (key.type) {
      case "single":
        return allOrNothing(typeof answer === "string" && answer.replace(ENDS, "") === wanted);
      case "true_false":
        return allOrNothing(answer === wanted);
      case "numeric":
        return allOrNothing(withinTolerance(answer, wanted, key.tolerance));
      case "text": {
        const given = normaliseText(answer, key.ignore_accents);
        return allOrNothing(wanted.some((text) => normaliseText(text, key.ignore_accents) === given));
      }
      case "multiple": {
        const chosen = new Set(answer);
        const right = wanted.filter((label) => chosen.has(label)).length;
        const wrong = chosen.size - right;
        if (key.scoring === "all_or_nothing") {
          return allOrNothing(right === wanted.length && wrong === 0);
        }
        const reason = ["multiple", { right, wrong, total: wanted.length }];
        return [Math.max(right - wrong, 0), wanted.length, reason];
      }
      case "order": {
        if (key.scoring === "all_or_nothing") {
          return allOrNothing(answer.length === wanted.length && answer.join() === wanted.join());
        }
        const inPlace = wanted.filter((label, index) => answer[index] === label).length;
        return [inPlace, wanted.length, ["order", { in_place: inPlace, total: wanted.length }]];
      }
      case "match": {
        const premises = Object.keys(wanted);
        const right = premises.filter((premise) => answer[premise] === wanted[premise]).length;
        return [right, premises.length, ["match", { right, total: premises.length }]];
      }
      default:
        throw new Error("caio-quiz: unknown question type " + key.type);
    }
  }

  /** Exact points and maximum, and the grader's reason. */
  function scoreAnswer(key, answer) {
    const [right, total, reason] = share(key, answer);
    const maximum = parseDecimal(String(key.points));
    const points = reduce(maximum[0] * BigInt(right), maximum[1] * BigInt(total));
    return { points, maximum, reason };
  }

  return { parseDecimal, normaliseText, formatPoints, scoreAnswer };
})();
