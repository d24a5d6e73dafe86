/*
 * Scoring of The CAIO Course's practice quizzes: grading/grader/scoring.py, in the page.
 * A table of cases generated from the Python code (tests/browser) checks that both agree.
 * Points are exact fractions of BigInts, shown as Python's format_points shows them.
 */
window.caioScoring = (function () {
  "use strict";

  /** "1.25", "-3", "1e-05" -> [numerator, denominator] (BigInt), or null. */
  function parseDecimal(text) {
    const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(String(text));
    if (!match || (match[2] === "" && !match[3])) {
      return null;
    }
    const fraction = match[3] || "";
    let numerator = BigInt((match[2] || "0") + fraction);
    const exponent = (match[4] ? parseInt(match[4], 10) : 0) - fraction.length;
    if (match[1] === "-") {
      numerator = -numerator;
    }
    return exponent >= 0
      ? reduce(numerator * 10n ** BigInt(exponent), 1n)
      : reduce(numerator, 10n ** BigInt(-exponent));
  }

  function gcd(a, b) {
    a = a < 0n ? -a : a;
    while (b) {
      [a, b] = [b, a % b];
    }
    return a;
  }

  function reduce(numerator, denominator) {
    const divisor = gcd(numerator, denominator) || 1n;
    return [numerator / divisor, denominator / divisor];
  }

  function multiply(a, b) {
    return reduce(a[0] * b[0], a[1] * b[1]);
  }

  function compare(a, b) {
    const difference = a[0] * b[1] - b[0] * a[1];
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }

  /** Python's format_points: "3" for 3, "0.67" for 2/3 (two decimals, half up, no zeros). */
  function formatPoints(value) {
    if (value[1] === 1n) {
      return String(value[0]);
    }
    const negative = value[0] < 0n;
    const magnitude = negative ? -value[0] : value[0];
    const hundredths = (magnitude * 200n + value[1]) / (2n * value[1]);
    let text = String(hundredths / 100n);
    const decimals = String(hundredths % 100n).padStart(2, "0").replace(/0+$/, "");
    if (decimals) {
      text += "." + decimals;
    }
    return (negative && text !== "0" ? "-" : "") + text;
  }

  function withinTolerance(givenText, keyText, toleranceText) {
    const given = parseDecimal(givenText);
    const key = parseDecimal(keyText);
    const tolerance = parseDecimal(toleranceText);
    if (!given || !key || !tolerance) {
      return false;
    }
    const difference = reduce(given[0] * key[1] - key[0] * given[1], given[1] * key[1]);
    const absolute = [difference[0] < 0n ? -difference[0] : difference[0], difference[1]];
    return compare(absolute, tolerance) <= 0;
  }

  /* Python's str.split() and str.strip() whitespace, exactly. */
  const SPACES = "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  const WHITESPACE = new RegExp(SPACES);
  const ENDS = new RegExp("^" + SPACES + "|" + SPACES + "$", "g");
  /* Where str.casefold() differs from toLowerCase() after NFKC (sharp s, Greek variants). */
  const CASE_FOLDS = {
    "\u00df": "ss",
    "\u03c2": "\u03c3",
    "\u03d0": "\u03b2",
    "\u03d1": "\u03b8",
    "\u03d5": "\u03c6",
    "\u03d6": "\u03c0",
    "\u03f0": "\u03ba",
    "\u03f1": "\u03c1",
    "\u03f5": "\u03b5",
  };
  const FOLDED = /[\u00df\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5]/g;

  /**
   * Does the character have a non-zero canonical combining class (Python's
   * unicodedata.combining)? Canonical ordering moves such a mark past a mark of class 1
   * (U+0334) or 240 (U+0345); a mark of class 0 (Devanagari vowel signs) never moves.
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
      .replace(FOLDED, function (char) {
        return CASE_FOLDS[char];
      });
    if (ignoreAccents) {
      folded = Array.from(folded.normalize("NFKD"))
        .filter(function (char) {
          return !/\p{M}/u.test(char) || !combines(char);
        })
        .join("")
        .normalize("NFKC");
    }
    return folded
      .split(WHITESPACE)
      .filter(function (part) {
        return part !== "";
      })
      .join(" ");
  }

  /** {share: [right, out of] (numbers), reason}, like the grader's Score. */
  function share(right, total, reason) {
    return { share: [right, total], reason: reason };
  }

  function allOrNothing(right) {
    return share(right ? 1 : 0, 1, right ? "right" : "wrong");
  }

  function scoreShare(key, answer) {
    switch (key.type) {
      case "single":
        return allOrNothing(typeof answer === "string" && answer.replace(ENDS, "") === key.answer);
      case "true_false":
        return allOrNothing(answer === key.answer);
      case "numeric":
        return allOrNothing(withinTolerance(answer, key.answer, key.tolerance));
      case "text": {
        const given = normaliseText(answer, key.ignore_accents);
        return allOrNothing(
          key.answer.some(function (accepted) {
            return normaliseText(accepted, key.ignore_accents) === given;
          }),
        );
      }
      case "multiple": {
        const chosen = new Set(answer);
        const wanted = new Set(key.answer);
        const right = key.answer.filter(function (label) {
          return chosen.has(label);
        }).length;
        const wrong = Array.from(chosen).filter(function (label) {
          return !wanted.has(label);
        }).length;
        if (key.scoring === "all_or_nothing") {
          return allOrNothing(right === wanted.size && wrong === 0);
        }
        const reason = right + " right, " + wrong + " wrong of " + wanted.size + " to find";
        return share(Math.max(right - wrong, 0), wanted.size, reason);
      }
      case "order": {
        const total = key.answer.length;
        if (key.scoring === "all_or_nothing") {
          return allOrNothing(answer.length === total && answer.join() === key.answer.join());
        }
        const inPlace = key.answer.filter(function (label, index) {
          return answer[index] === label;
        }).length;
        return share(inPlace, total, inPlace + " of " + total + " in the right place");
      }
      case "match": {
        const premises = Object.keys(key.answer);
        const right = premises.filter(function (premise) {
          return answer[premise] === key.answer[premise];
        }).length;
        return share(right, premises.length, right + " of " + premises.length + " pairs right");
      }
      default:
        throw new Error("caio-quiz: unknown question type " + key.type);
    }
  }

  /** Score an answer: exact points and maximum ([BigInt, BigInt]) and the grader's reason. */
  function scoreAnswer(key, answer) {
    const result = scoreShare(key, answer);
    const maximum = parseDecimal(String(key.points));
    const points = multiply(maximum, reduce(BigInt(result.share[0]), BigInt(result.share[1])));
    return { points: points, maximum: maximum, reason: result.reason };
  }

  return {
    parseDecimal: parseDecimal,
    normaliseText: normaliseText,
    formatPoints: formatPoints,
    scoreAnswer: scoreAnswer,
  };
})();
