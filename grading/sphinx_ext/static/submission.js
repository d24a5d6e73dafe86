/*
 * Graded quizzes of The CAIO Course answered in the page. Nothing here scores: the answers
 * are kept in localStorage (per quiz and quiz version) and written into the learner notebook
 * that the page carries (<script type="application/json" class="caio-quiz-notebook">), which
 * the learner downloads as <learner>__<quiz id>.ipynb and hands in. No network requests.
 */
(function () {
  "use strict";

  const LEARNER_KEY = "caio-quiz-learner";

  /** A learner id that is a safe file name: letters, marks and digits of any script, . @ + -
   * (no "_", so "__" always separates learner and quiz), at most 40 characters. */
  function learnerId(name) {
    const kept = String(name)
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}.@+-]+/gu, "-")
      .replace(/^[-.]+/, "");
    return Array.from(kept).slice(0, 40).join("").replace(/-+$/, "");
  }

  /** A Python string literal as a learner would type it; line breaks escaped, so the answer
   * stays on one line of the cell for Python's splitlines too. */
  function pythonString(text) {
    return JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, function (char) {
      return "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function pythonList(labels) {
    return "[" + labels.map(pythonString).join(", ") + "]";
  }

  /** An HTML number ("007", "-.5", "1e3") as a Python literal ("7", "-0.5", "1e3"). */
  function pythonNumber(text) {
    const match = /^(-?)(\d*)(\.\d+)?([eE][+-]?\d+)?$/.exec(text);
    if (!match || (match[2] === "" && !match[3])) {
      return null;
    }
    return match[1] + (match[2].replace(/^0+(?=\d)/, "") || "0") + (match[3] || "") + (match[4] || "");
  }

  function checked(form) {
    return Array.from(form.querySelectorAll("input:checked"), function (input) {
      return input.value;
    });
  }

  function chosen(form) {
    return Array.from(form.querySelectorAll("select"), function (select) {
      return select.value;
    });
  }

  /** The answer as Python source, or null when the question is still blank. */
  function answerLiteral(form) {
    const type = form.dataset.type;
    if (type === "single" || type === "true_false") {
      const value = checked(form)[0];
      if (value === undefined) {
        return null;
      }
      return type === "single" ? pythonString(value) : value === "true" ? "True" : "False";
    }
    if (type === "multiple") {
      const values = checked(form);
      return values.length ? pythonList(values) : null;
    }
    if (type === "numeric" || type === "text") {
      const value = form.querySelector("input").value;
      if (!value.trim()) {
        return null;
      }
      return type === "numeric" ? pythonNumber(value) : pythonString(value);
    }
    const values = chosen(form);
    if (type === "order") {
      const order = values.filter(Boolean);
      return order.length ? pythonList(order) : null;
    }
    const pairs = Array.from(form.querySelectorAll("select"))
      .filter(function (select) {
        return select.value;
      })
      .map(function (select) {
        return pythonString(select.dataset.premise) + ": " + pythonString(select.value);
      });
    return pairs.length ? "{" + pairs.join(", ") + "}" : null;
  }

  function controls(form) {
    return Array.from(form.querySelectorAll("input, select"));
  }

  function readState(form) {
    return controls(form).map(function (control) {
      return control.type === "radio" || control.type === "checkbox"
        ? control.checked
        : control.value;
    });
  }

  function writeState(form, state) {
    controls(form).forEach(function (control, index) {
      const value = state[index];
      if (control.type === "radio" || control.type === "checkbox") {
        control.checked = value === true;
      } else if (typeof value === "string") {
        control.value = value;
      }
    });
  }

  /** JSON exactly as nbformat writes it: keys sorted, one space of indent, no ASCII escaping. */
  function notebookJson(value, depth) {
    if (value === null || typeof value !== "object") {
      return JSON.stringify(value);
    }
    const isArray = Array.isArray(value);
    const keys = isArray ? value.map((_, index) => index) : Object.keys(value).sort();
    if (!keys.length) {
      return isArray ? "[]" : "{}";
    }
    const indent = "\n" + " ".repeat(depth + 1);
    const items = keys.map(function (key) {
      const name = isArray ? "" : JSON.stringify(key) + ": ";
      return name + notebookJson(value[key], depth + 1);
    });
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    return open + indent + items.join("," + indent) + "\n" + " ".repeat(depth) + close;
  }

  function storageKey(quizId) {
    return "caio-quiz:" + quizId;
  }

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      console.warn("caio-quiz: the browser does not keep answers", error);
    }
  }

  function initQuiz(quiz) {
    const data = quiz.querySelector("script.caio-quiz-notebook");
    const panel = quiz.querySelector(".caio-submission");
    if (!data || !panel) {
      return;
    }
    const notebook = JSON.parse(data.textContent);
    const quizId = notebook.metadata.quiz.id;
    const version = notebook.metadata.quiz.version;
    const forms = Array.from(quiz.querySelectorAll("form.caio-question"));
    const learner = panel.querySelector(".caio-learner");
    const fileName = panel.querySelector(".caio-file-name");
    const status = panel.querySelector(".caio-status");
    const key = storageKey(quizId);

    function say(text) {
      status.textContent = text;
    }

    function save() {
      const answers = {};
      forms.forEach(function (form) {
        answers[form.dataset.questionId] = readState(form);
      });
      store(key, { version: version, answers: answers });
    }

    function showFileName() {
      const id = learnerId(learner.value);
      fileName.textContent = id
        ? "Your file will be " + id + "__" + quizId + ".ipynb; you will be graded as " + id + "."
        : "Type your name or learner id (letters or digits) to name your file.";
      store(LEARNER_KEY, learner.value);
    }

    function download() {
      const id = learnerId(learner.value);
      if (!id) {
        say("Type your name or learner id first, with at least one letter or digit.");
        learner.focus();
        return;
      }
      const copy = JSON.parse(data.textContent);
      const literals = {};
      let answered = 0;
      forms.forEach(function (form) {
        const literal = answerLiteral(form);
        answered += literal === null ? 0 : 1;
        literals[form.dataset.questionId] = literal;
      });
      copy.cells.forEach(function (cell) {
        const meta = (cell.metadata || {}).quiz || {};
        const literal = literals[meta.question];
        if (cell.cell_type === "code" && !meta.role && typeof literal === "string") {
          cell.source[cell.source.length - 1] = meta.question + " = " + literal;
        }
      });
      const name = id + "__" + quizId + ".ipynb";
      const blob = new Blob([notebookJson(copy, 0)], { type: "application/x-ipynb+json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, 1000);
      say(
        "Saved " + name + " with " + answered + " of " + forms.length +
          " questions answered. Upload this file to your instructor.",
      );
    }

    function clear() {
      forms.forEach(function (form) {
        form.reset();
      });
      window.localStorage.removeItem(key);
      say("Your answers to this quiz were cleared.");
    }

    const saved = load(key);
    if (saved && saved.version === version) {
      forms.forEach(function (form) {
        writeState(form, (saved.answers || {})[form.dataset.questionId] || []);
      });
    } else if (saved) {
      window.localStorage.removeItem(key);
      say(
        "This quiz has changed since your answers were saved, so they no longer fit and were " +
          "cleared. Please answer again.",
      );
    }
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      form.addEventListener("input", save);
      form.addEventListener("change", save);
    });
    learner.value = load(LEARNER_KEY) || "";
    learner.addEventListener("input", showFileName);
    panel.querySelector(".caio-download-submission").addEventListener("click", download);
    panel.querySelector(".caio-clear").addEventListener("click", clear);
    showFileName();
    panel.hidden = false;
    quiz.classList.add("caio-quiz--ready");
  }

  function initAll() {
    document.querySelectorAll("section.caio-quiz--graded").forEach(initQuiz);
  }

  window.caioSubmission = { learnerId: learnerId };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
