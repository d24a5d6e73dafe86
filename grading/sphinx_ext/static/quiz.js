/*
 * Practice quizzes of The CAIO Course: score an answer in the page and explain it.
 * Scoring is scoring.js (window.caioScoring), checked against grading/grader/scoring.py.
 * The key comes from a <script type="application/json" class="caio-quiz-key"> in the page,
 * the words it says from script.caio-messages (in the edition's language).
 * Loaded with defer, so the page is parsed when it runs. No network requests.
 */
(() => {
  "use strict";
  const scoring = window.caioScoring;
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const words = document.querySelector("script.caio-messages");
  const messages = words ? JSON.parse(words.textContent) : {};
  const t = (key, values = {}) => (messages[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name]);

  /** The learner's answer as the grader would read it: {value} or {problem}. */
  function readAnswer(form, type) {
    const checked = all(form, "input:checked").map((input) => input.value);
    if (type === "single" || type === "true_false") {
      if (!checked.length) {
        return { problem: t("choose_answer") };
      }
      return { value: type === "true_false" ? checked[0] === "true" : checked[0] };
    }
    if (type === "multiple") {
      return checked.length ? { value: checked } : { problem: t("select_answer") };
    }
    if (type === "numeric") {
      const input = form.querySelector("input");
      if (input.validity.badInput || (input.value !== "" && !scoring.parseDecimal(input.value))) {
        return { problem: t("number_form") };
      }
      return input.value.trim() ? { value: input.value } : { problem: t("number_first") };
    }
    if (type === "text") {
      const text = form.querySelector("input").value;
      return text.trim() ? { value: text } : { problem: t("answer_first") };
    }
    const selects = all(form, "select");
    if (selects.some((select) => select.value === "")) {
      return { problem: t(type === "order" ? "order_first" : "match_first") };
    }
    if (type === "order") {
      const order = selects.map((select) => select.value);
      if (new Set(order).size !== order.length) {
        return { problem: t("item_twice") };
      }
      return { value: order };
    }
    const pairs = {};
    selects.forEach((select) => (pairs[select.dataset.premise] = select.value));
    return { value: pairs };
  }

  function feedback(result) {
    const [points, maximum] = [result.points, result.maximum];
    const one = maximum[0] === 1n && maximum[1] === 1n;
    const shown = (value) => scoring.formatPoints(value).replace(".", t("feedback.decimal_mark"));
    const sentence = t(one ? "scored_one" : "scored_many", {
      scored: shown(points),
      maximum: shown(maximum),
    });
    if (points[0] === maximum[0] && points[1] === maximum[1]) {
      return ["right", t("right"), sentence + "."];
    }
    const [reason, counts] = result.reason;
    const why = reason === "wrong" ? "" : ": " + t("reason." + reason, counts);
    const state = points[0] === 0n ? "wrong" : "partial";
    return [state, t(state), sentence + why + "."];
  }

  /* Each form's pending announcement: a new one, or Try again, cancels it. */
  const pending = new WeakMap();

  function cancel(form) {
    window.clearTimeout(pending.get(form));
    pending.delete(form);
  }

  function announce(form, [state, headline, detail]) {
    const region = form.querySelector(".caio-feedback");
    cancel(form);
    region.textContent = "";
    form.dataset.state = state;
    // A fresh text node in a cleared live region is announced even when the text repeats.
    const timer = window.setTimeout(() => {
      pending.delete(form);
      const strong = document.createElement("strong");
      strong.textContent = headline;
      region.replaceChildren(strong, " " + detail);
    }, 30);
    pending.set(form, timer);
  }

  function check(form, key) {
    const answer = readAnswer(form, key.type);
    if (answer.problem) {
      announce(form, ["incomplete", t("no_answer"), answer.problem]);
      return;
    }
    announce(form, feedback(scoring.scoreAnswer(key, answer.value)));
    form.querySelector(".caio-explanation").hidden = false;
    form.querySelector(".caio-retry").hidden = false;
  }

  function retry(form) {
    cancel(form);
    form.reset();
    delete form.dataset.state;
    form.querySelector(".caio-feedback").textContent = "";
    form.querySelector(".caio-explanation").hidden = true;
    form.querySelector(".caio-retry").hidden = true;
    form.querySelector("input, select").focus();
  }

  all(document, "section.caio-quiz--practice").forEach((quiz) => {
    const data = quiz.querySelector("script.caio-quiz-key");
    let key;
    try {
      key = JSON.parse(data.textContent);
    } catch (error) {
      console.error("caio-quiz: the quiz data of " + quiz.id + " is not valid JSON", error);
      return;
    }
    all(quiz, "form.caio-question").forEach((form) => {
      const questionKey = key.questions[form.dataset.questionId];
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        check(form, questionKey);
      });
      form.querySelector(".caio-retry").addEventListener("click", () => retry(form));
    });
    quiz.classList.add("caio-quiz--ready");
  });
})();
