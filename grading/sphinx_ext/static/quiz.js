/*
 * Practice quizzes of The CAIO Course: score an answer in the page and explain it.
 *
 * Scoring is scoring.js (window.caioScoring), checked against grading/grader/scoring.py.
 * The key comes from a <script type="application/json" class="caio-quiz-key"> in the page.
 * No network requests.
 */
(function () {
  "use strict";

  const scoring = window.caioScoring;

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
      if (input.validity.badInput || (input.value !== "" && !scoring.parseDecimal(input.value))) {
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

  function feedbackText(result) {
    const unit = result.maximum[0] === 1n && result.maximum[1] === 1n ? "point" : "points";
    const scored =
      scoring.formatPoints(result.points) + " of " + scoring.formatPoints(result.maximum);
    const sentence = "You scored " + scored + " " + unit;
    if (result.points[0] === result.maximum[0] && result.points[1] === result.maximum[1]) {
      return { state: "right", headline: "Right!", detail: sentence + "." };
    }
    const why = result.reason === "wrong" ? "" : ": " + result.reason;
    if (result.points[0] === 0n) {
      return { state: "wrong", headline: "Not quite.", detail: sentence + why + "." };
    }
    return { state: "partial", headline: "Partly right.", detail: sentence + why + "." };
  }

  /* Each form's pending announcement: a new one (or Try again) cancels it. */
  const pending = new WeakMap();

  function announce(form, state, headline, detail) {
    const region = form.querySelector(".caio-feedback");
    window.clearTimeout(pending.get(form));
    region.textContent = "";
    form.dataset.state = state;
    // A fresh text node in a cleared live region is announced even when the text repeats.
    pending.set(
      form,
      window.setTimeout(function () {
        pending.delete(form);
        const strong = document.createElement("strong");
        strong.textContent = headline;
        region.replaceChildren(strong, " " + detail);
      }, 30),
    );
  }

  function check(form, key) {
    const answer = readAnswer(form, key.type);
    if (answer.problem) {
      announce(form, "incomplete", "No answer yet.", answer.problem);
      return;
    }
    const feedback = feedbackText(scoring.scoreAnswer(key, answer.value));
    announce(form, feedback.state, feedback.headline, feedback.detail);
    form.querySelector(".caio-explanation").hidden = false;
    form.querySelector(".caio-retry").hidden = false;
  }

  function retry(form) {
    window.clearTimeout(pending.get(form));
    pending.delete(form);
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
