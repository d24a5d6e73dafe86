/*
 * Practice quizzes of The CAIO Course: score an answer in the page and explain it.
 *
 * The rules mirror grading/grader/scoring.py (read it before changing anything here):
 * partial credit for "multiple" (right_minus_wrong), "order" (per_position) and "match";
 * numbers compared exactly as decimals, as the grader compares fractions; text normalised
 * like normalise_text (NFKC, case folding, spacing, optional accent stripping).
 * The key comes from a <script type="application/json" class="caio-quiz-key"> in the page.
 * No network requests, no globals.
 */
(function () {
  "use strict";

  // ---- Exact decimal comparison (numeric questions) -------------------------------------

  /** "1.25", "-3", "1e-05" -> {value: BigInt, exponent: int} meaning value * 10^exponent. */
  function parseDecimal(text) {
    const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(String(text));
    if (!match || (match[2] === "" && !match[3])) {
      return null;
    }
    const fraction = match[3] || "";
    const digits = BigInt((match[2] || "0") + fraction);
    const exponent = (match[4] ? parseInt(match[4], 10) : 0) - fraction.length;
    return { value: match[1] === "-" ? -digits : digits, exponent: exponent };
  }

  function scaleTo(number, exponent) {
    return number.value * 10n ** BigInt(number.exponent - exponent);
  }

  function withinTolerance(givenText, keyText, toleranceText) {
    const given = parseDecimal(givenText);
    const key = parseDecimal(keyText);
    const tolerance = parseDecimal(toleranceText);
    if (!given || !key || !tolerance) {
      return false;
    }
    const exponent = Math.min(given.exponent, key.exponent, tolerance.exponent);
    let difference = scaleTo(given, exponent) - scaleTo(key, exponent);
    if (difference < 0n) {
      difference = -difference;
    }
    return difference <= scaleTo(tolerance, exponent);
  }

  // ---- Text normalisation (text questions) ----------------------------------------------

  /* Python's str.split() whitespace, exactly. */
  const WHITESPACE =
    /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
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

  function normaliseText(text, ignoreAccents) {
    let folded = String(text)
      .normalize("NFKC")
      .toLowerCase()
      .replace(FOLDED, function (char) {
        return CASE_FOLDS[char];
      });
    if (ignoreAccents) {
      folded = folded.normalize("NFKD").replace(/\p{Mn}/gu, "").normalize("NFKC");
    }
    return folded
      .split(WHITESPACE)
      .filter(function (part) {
        return part !== "";
      })
      .join(" ");
  }

  // ---- Scoring: {share: [numerator, denominator], reason} ---------------------------------

  function allOrNothing(right) {
    return { share: right ? [1, 1] : [0, 1], reason: "" };
  }

  function scoreAnswer(key, answer) {
    switch (key.type) {
      case "single":
        return allOrNothing(answer.trim() === key.answer);
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
        const wrong = answer.filter(function (label) {
          return !wanted.has(label);
        }).length;
        if (key.scoring === "all_or_nothing") {
          return allOrNothing(right === wanted.size && wrong === 0);
        }
        return {
          share: [Math.max(right - wrong, 0), wanted.size],
          reason: right + " right, " + wrong + " wrong of " + wanted.size + " to find",
        };
      }
      case "order": {
        const inPlace = key.answer.filter(function (label, index) {
          return answer[index] === label;
        }).length;
        const total = key.answer.length;
        if (key.scoring === "all_or_nothing") {
          return allOrNothing(inPlace === total && answer.length === total);
        }
        return {
          share: [inPlace, total],
          reason: inPlace + " of " + total + " in the right place",
        };
      }
      case "match": {
        const premises = Object.keys(key.answer);
        const right = premises.filter(function (premise) {
          return answer[premise] === key.answer[premise];
        }).length;
        return {
          share: [right, premises.length],
          reason: right + " of " + premises.length + " pairs right",
        };
      }
      default:
        throw new Error("caio-quiz: unknown question type " + key.type);
    }
  }

  // ---- Reading the learner's answer: {value} or {problem} --------------------------------

  function checkedValues(form, type) {
    return Array.prototype.map.call(
      form.querySelectorAll("input[type=" + type + "]:checked"),
      function (input) {
        return input.value;
      },
    );
  }

  function readAnswer(form, type) {
    if (type === "single" || type === "true_false") {
      const values = checkedValues(form, "radio");
      if (values.length === 0) {
        return { problem: "Choose an answer first." };
      }
      return { value: type === "true_false" ? values[0] === "true" : values[0] };
    }
    if (type === "multiple") {
      const values = checkedValues(form, "checkbox");
      return values.length ? { value: values } : { problem: "Select at least one answer first." };
    }
    if (type === "numeric") {
      const input = form.querySelector("input[type=number]");
      if (input.validity.badInput || (input.value !== "" && !parseDecimal(input.value))) {
        return { problem: "Type a number, such as 3 or 2.5." };
      }
      return input.value.trim() ? { value: input.value } : { problem: "Type a number first." };
    }
    if (type === "text") {
      const text = form.querySelector("input[type=text]").value;
      return text.trim() ? { value: text } : { problem: "Type an answer first." };
    }
    const selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    if (
      selects.some(function (select) {
        return select.value === "";
      })
    ) {
      return {
        problem:
          type === "order"
            ? "Choose an item for every position first."
            : "Choose a match for every item first.",
      };
    }
    if (type === "order") {
      const order = selects.map(function (select) {
        return select.value;
      });
      if (new Set(order).size !== order.length) {
        return { problem: "Use each item once: two positions hold the same item." };
      }
      return { value: order };
    }
    const pairs = {};
    selects.forEach(function (select) {
      pairs[select.dataset.premise] = select.value;
    });
    return { value: pairs };
  }

  // ---- Feedback -------------------------------------------------------------------------

  function formatPoints(points) {
    return String(Math.round(points * 100) / 100);
  }

  function feedbackText(key, result) {
    const earned = (key.points * result.share[0]) / result.share[1];
    const unit = key.points === 1 ? "point" : "points";
    const scored = formatPoints(earned) + " of " + formatPoints(key.points) + " " + unit;
    if (result.share[0] === result.share[1]) {
      return { state: "right", headline: "Right!", detail: "You scored " + scored + "." };
    }
    const why = result.reason ? ": " + result.reason : "";
    if (result.share[0] === 0) {
      return { state: "wrong", headline: "Not quite.", detail: "You scored " + scored + why + "." };
    }
    return {
      state: "partial",
      headline: "Partly right.",
      detail: "You scored " + scored + why + ".",
    };
  }

  function announce(form, state, headline, detail) {
    const region = form.querySelector(".caio-feedback");
    region.textContent = "";
    form.dataset.state = state;
    // A fresh text node in a cleared live region is announced even when the text repeats.
    window.setTimeout(function () {
      const strong = document.createElement("strong");
      strong.textContent = headline;
      region.append(strong, " " + detail);
    }, 30);
  }

  function check(form, key) {
    const answer = readAnswer(form, key.type);
    if (answer.problem) {
      announce(form, "incomplete", "No answer yet.", answer.problem);
      return;
    }
    const feedback = feedbackText(key, scoreAnswer(key, answer.value));
    announce(form, feedback.state, feedback.headline, feedback.detail);
    form.querySelector(".caio-explanation").hidden = false;
    form.querySelector(".caio-retry").hidden = false;
  }

  function retry(form) {
    form.reset();
    delete form.dataset.state;
    form.querySelector(".caio-feedback").textContent = "";
    form.querySelector(".caio-explanation").hidden = true;
    form.querySelector(".caio-retry").hidden = true;
    const first = form.querySelector("input, select");
    if (first) {
      first.focus();
    }
  }

  // ---- Wiring ---------------------------------------------------------------------------

  function initQuiz(quiz) {
    const data = quiz.querySelector("script.caio-quiz-key");
    if (!data) {
      return;
    }
    let key;
    try {
      key = JSON.parse(data.textContent);
    } catch (error) {
      console.error("caio-quiz: the quiz data of " + quiz.id + " is not valid JSON", error);
      return;
    }
    quiz.querySelectorAll("form.caio-question").forEach(function (form) {
      const questionKey = key.questions[form.dataset.questionId];
      if (!questionKey) {
        return;
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form, questionKey);
      });
      form.querySelector(".caio-retry").addEventListener("click", function () {
        retry(form);
      });
    });
    quiz.classList.add("caio-quiz--ready");
  }

  function initAll() {
    document.querySelectorAll("section.caio-quiz--practice").forEach(initQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
