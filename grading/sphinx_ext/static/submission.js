/*
 * Graded quizzes of The CAIO Course answered in the page. Nothing here scores: answers are
 * kept in localStorage (per quiz and quiz version) and written into the learner notebook the
 * page carries (<script type="application/json" class="caio-quiz-notebook">), which the
 * learner downloads as <learner>__<quiz id>.ipynb and hands in. What it says comes from
 * script.caio-messages, in the edition's language. No network requests.
 */
window.caioSubmission = (() => {
  "use strict";
  const LEARNER = "caio-quiz-learner";
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const words = document.querySelector("script.caio-messages");
  const messages = words ? JSON.parse(words.textContent) : {};
  const t = (key, values = {}) => (messages[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name]);

  /** A safe file name part: letters, marks and digits of any script and . @ + - (no "_",
   * so "__" always ends the learner id), at most 40 characters. */
  function learnerId(name) {
    const kept = String(name)
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}.@+-]+/gu, "-")
      .replace(/^[-.]+/, "");
    return Array.from(kept).slice(0, 40).join("").replace(/-+$/, "");
  }

  /** A Python string literal; line separators escaped, so the answer stays on one line. */
  const pyString = (text) =>
    JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, (char) => {
      return "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0");
    });
  const pyList = (labels) => "[" + labels.map(pyString).join(", ") + "]";

  /** An HTML number ("007", "-.5", "1e3") as a Python literal ("7", "-0.5", "1e3"). */
  function pyNumber(text) {
    const match = /^(-?)(\d*)(\.\d+)?([eE][+-]?\d+)?$/.exec(text);
    if (!match || (match[2] === "" && !match[3])) {
      return null;
    }
    const whole = match[2].replace(/^0+(?=\d)/, "") || "0";
    return match[1] + whole + (match[3] || "") + (match[4] || "");
  }

  /** The answer as the learner would type it in the notebook, or null while blank. */
  function answerLiteral(form) {
    const type = form.dataset.type;
    const checked = all(form, "input:checked").map((input) => input.value);
    if (type === "single" || type === "true_false") {
      const value = checked[0];
      if (value === undefined) {
        return null;
      }
      return type === "single" ? pyString(value) : value === "true" ? "True" : "False";
    }
    if (type === "multiple") {
      return checked.length ? pyList(checked) : null;
    }
    if (type === "numeric" || type === "text") {
      const value = form.querySelector("input").value;
      return !value.trim() ? null : type === "text" ? pyString(value) : pyNumber(value);
    }
    const selects = all(form, "select").filter((select) => select.value);
    if (!selects.length) {
      return null;
    }
    if (type === "order") {
      return pyList(selects.map((select) => select.value));
    }
    const pairs = selects.map((select) => {
      return pyString(select.dataset.premise) + ": " + pyString(select.value);
    });
    return "{" + pairs.join(", ") + "}";
  }

  const isBox = (control) => control.type === "radio" || control.type === "checkbox";
  const readState = (form) => all(form, "input, select").map((c) => (isBox(c) ? c.checked : c.value));

  function writeState(form, state) {
    all(form, "input, select").forEach((control, index) => {
      if (isBox(control)) {
        control.checked = state[index] === true;
      } else if (typeof state[index] === "string") {
        control.value = state[index];
      }
    });
  }

  /** JSON exactly as nbformat writes it: keys sorted, one space of indent, no ASCII escapes. */
  function notebookJson(value, depth) {
    if (value === null || typeof value !== "object") {
      return JSON.stringify(value);
    }
    const list = Array.isArray(value);
    const keys = list ? value.map((_, index) => index) : Object.keys(value).sort();
    if (!keys.length) {
      return list ? "[]" : "{}";
    }
    const indent = "\n" + " ".repeat(depth + 1);
    const items = keys.map((key) => {
      return (list ? "" : JSON.stringify(key) + ": ") + notebookJson(value[key], depth + 1);
    });
    const [open, close] = list ? "[]" : "{}";
    return open + indent + items.join("," + indent) + "\n" + " ".repeat(depth) + close;
  }

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      console.warn("caio-quiz: this browser keeps no answers", error);
    }
  }

  function download(name, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-ipynb+json" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function initQuiz(quiz) {
    const data = quiz.querySelector("script.caio-quiz-notebook");
    const panel = quiz.querySelector(".caio-submission");
    const { id: quizId, version } = JSON.parse(data.textContent).metadata.quiz;
    const forms = all(quiz, "form.caio-question");
    const learner = panel.querySelector(".caio-learner");
    const say = (text) => (panel.querySelector(".caio-status").textContent = text);
    const key = "caio-quiz:" + quizId;

    function save() {
      const answers = {};
      forms.forEach((form) => (answers[form.dataset.questionId] = readState(form)));
      store(key, { version, answers });
    }

    function showFileName() {
      const id = learnerId(learner.value);
      panel.querySelector(".caio-file-name").textContent = id
        ? t("file_will_be", { file: id + "__" + quizId + ".ipynb", id })
        : t("name_for_file");
      store(LEARNER, learner.value);
    }

    function submit() {
      const id = learnerId(learner.value);
      if (!id) {
        say(t("name_first"));
        learner.focus();
        return;
      }
      const notebook = JSON.parse(data.textContent);
      const literals = new Map(forms.map((form) => [form.dataset.questionId, answerLiteral(form)]));
      for (const cell of notebook.cells) {
        const meta = cell.metadata.quiz || {};
        const literal = literals.get(meta.question);
        if (cell.cell_type === "code" && !meta.role && literal) {
          cell.source[cell.source.length - 1] = meta.question + " = " + literal;
        }
      }
      const name = id + "__" + quizId + ".ipynb";
      download(name, notebookJson(notebook, 0));
      const answered = Array.from(literals.values()).filter(Boolean).length;
      say(t("saved", { file: name, answered, total: forms.length }));
    }

    const saved = load(key);
    if (saved && saved.version === version) {
      forms.forEach((form) => writeState(form, saved.answers[form.dataset.questionId] || []));
    } else if (saved) {
      window.localStorage.removeItem(key);
      say(t("changed"));
    }
    forms.forEach((form) => {
      form.addEventListener("submit", (event) => event.preventDefault());
      form.addEventListener("input", save);
      form.addEventListener("change", save);
    });
    learner.value = load(LEARNER) || "";
    learner.addEventListener("input", showFileName);
    panel.querySelector(".caio-download-submission").addEventListener("click", submit);
    panel.querySelector(".caio-clear").addEventListener("click", () => {
      forms.forEach((form) => form.reset());
      window.localStorage.removeItem(key);
      say(t("cleared"));
    });
    showFileName();
    panel.hidden = false;
    quiz.classList.add("caio-quiz--ready");
  }

  all(document, "section.caio-quiz--graded").forEach(initQuiz);
  return { learnerId };
})();
