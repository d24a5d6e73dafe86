"""HTML for the quiz nodes: semantic form markup whose every value is escaped.

Text content comes from child nodes (parsed Markdown, rendered by Sphinx's own translator);
this module writes only the elements around it. Attribute values go through
:func:`html.escape`; the practice key goes out as JSON in a ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, so no quiz text can close the script element.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from grading.messages import catalog, message
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.notebooks import edition_language

Visitor = Callable[[HTML5Translator, nodes.Element], None]


def element(tag: str, /, **attributes: str | bool | None) -> str:
    """An opening tag; ``True`` writes a bare attribute, ``None``/``False`` leaves it out."""
    parts = [tag]
    for name, value in attributes.items():
        attribute = name.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(attribute)
        elif value not in (None, False):
            parts.append(f'{attribute}="{html.escape(str(value), quote=True)}"')
    return f"<{' '.join(parts)}>"


def _closing(tag: str, end: str = "\n") -> Visitor:
    def depart(translator: HTML5Translator, node: nodes.Element) -> None:
        translator.body.append(f"</{tag}>{end}")

    return depart


def visit_block(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(
        element(
            "section",
            class_=f"caio-quiz caio-quiz--{node['mode']}",
            id=node["html_id"],
            data_quiz_id=node["quiz_id"],
            aria_labelledby=f"{node['html_id']}-title",
        )
    )


def visit_title(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(element("h3", class_="caio-quiz-title", id=node["html_id"]))


def visit_question(translator: HTML5Translator, node: nodes.Element) -> None:
    # method="dialog" outside a dialog submits nowhere: without JavaScript nothing happens.
    translator.body.append(
        element(
            "form",
            class_=" ".join(["caio-question", *node["classes"]]),
            id=node["html_id"],
            method="dialog",
            novalidate=True,
            data_question_id=node["question_id"],
            data_type=node["qtype"],
        )
    )


def visit_fieldset(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(
        element("fieldset", class_="caio-fieldset", aria_describedby=node["describedby"] or None)
    )


def visit_legend(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(element("legend", class_="caio-legend"))


def visit_choice(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(
        element("div", class_="caio-choice")
        + element(
            "input",
            type=node["input_type"],
            id=node["html_id"],
            name=node["name"],
            value=node["value"],
        )
        + element("label", for_=node["html_id"])
        + element("span", class_="caio-choice-label")
        + html.escape(node["label"])
        + "</span> "
    )


def depart_choice(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append("</label></div>\n")


def visit_field(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(
        element("div", class_=f"caio-field caio-field--{node['kind']}")
        + element("label", for_=node["html_id"])
    )


def depart_field(translator: HTML5Translator, node: nodes.Element) -> None:
    common = {"id": node["html_id"], "name": node["name"], "data_premise": node["premise"] or None}
    if node["kind"] == "select":
        options = [element("option", value="") + page_text(translator, "quiz.choose") + "</option>"]
        options += [
            element("option", value=value) + html.escape(text) + "</option>"
            for value, text in node["options"]
        ]
        control = element("select", **common) + "".join(options) + "</select>"
    elif node["kind"] == "number":
        control = element("input", type="number", step="any", inputmode="decimal", **common)
    else:
        control = element("input", type="text", autocomplete="off", spellcheck="false", **common)
    translator.body.append(f"</label>{control}</div>\n")


def visit_actions(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(
        element("div", class_="caio-actions")
        + element("button", type="submit", class_="caio-check")
        + page_text(translator, "quiz.check")
        + "</button>"
        + element("button", type="button", class_="caio-retry", hidden=True)
        + page_text(translator, "quiz.try_again")
        + "</button></div>\n"
        + element("div", class_="caio-feedback", role="status", aria_live="polite")
        + "</div>\n"
    )
    raise nodes.SkipNode


def visit_explanation(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(element("div", class_="caio-explanation", hidden=True))


def json_script(css_class: str, payload: object) -> str:
    """Data for the page script; ``<``, ``>`` and ``&`` escaped so no text can end the element."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return element("script", type="application/json", class_=css_class) + safe + "</script>\n"


def page_text(translator: HTML5Translator, key: str) -> str:
    """A message of the page's edition, escaped for HTML."""
    return html.escape(message(edition_language(translator.builder.config), key))


def script_messages(translator: HTML5Translator) -> str:
    """What the page script says, in the page's edition, as data: its own ``js.*`` messages,
    and the grader's ``reason.*`` words and decimal mark, so that a practice answer is
    explained as the feedback page of a graded one would explain it."""
    texts = catalog(edition_language(translator.builder.config))
    scripts = {key.removeprefix("js."): text for key, text in texts.items() if key[:3] == "js."}
    scripts |= {key: text for key, text in texts.items() if key.startswith("reason.")}
    scripts["feedback.decimal_mark"] = texts["feedback.decimal_mark"]
    return json_script("caio-messages", scripts)


def visit_key(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(json_script("caio-quiz-key", node["payload"]))
    translator.body.append(script_messages(translator))
    raise nodes.SkipNode


def visit_notebook(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(json_script("caio-quiz-notebook", node["payload"]))
    translator.body.append(script_messages(translator))
    raise nodes.SkipNode


def visit_instructions(translator: HTML5Translator, node: nodes.Element) -> None:
    translator.body.append(element("div", class_="caio-submit"))


def visit_submission(translator: HTML5Translator, node: nodes.Element) -> None:
    """Name field, file name, Download and Clear buttons, and a live region; hidden until the
    page script is ready, because without it none of them can work."""
    base = node["html_id"]
    translator.body.append(
        element("div", class_="caio-submission", id=base, hidden=True)
        + element("div", class_="caio-field caio-field--text")
        + element("label", for_=f"{base}-learner")
        + page_text(translator, "quiz.learner")
        + "</label>"
        + element(
            "input",
            type="text",
            id=f"{base}-learner",
            class_="caio-learner",
            autocomplete="off",
            spellcheck="false",
            aria_describedby=f"{base}-file",
        )
        + "</div>\n"
        + element("p", class_="caio-file-name", id=f"{base}-file")
        + "</p>\n"
        + element("div", class_="caio-actions")
        + element("button", type="button", class_="caio-download-submission")
        + page_text(translator, "quiz.download")
        + "</button>"
        + element("button", type="button", class_="caio-clear")
        + page_text(translator, "quiz.clear")
        + "</button></div>\n"
        + element("div", class_="caio-status", role="status", aria_live="polite")
        + "</div></div>\n"
    )
    raise nodes.SkipNode


def visit_download(translator: HTML5Translator, node: nodes.Element) -> None:
    builder = translator.builder
    page = builder.get_target_uri(builder.current_docname)
    href = relative_uri(page, node["target"])
    translator.body.append(
        element("a", class_="reference download caio-download", href=href, download=True)
    )


HTML_VISITORS: dict[type[nodes.Element], tuple[Visitor, Visitor | None]] = {
    quiz_nodes.quiz_block: (visit_block, _closing("section")),
    quiz_nodes.quiz_title: (visit_title, _closing("h3")),
    quiz_nodes.quiz_question: (visit_question, _closing("form")),
    quiz_nodes.quiz_fieldset: (visit_fieldset, _closing("fieldset")),
    quiz_nodes.quiz_legend: (visit_legend, _closing("legend")),
    quiz_nodes.quiz_choice: (visit_choice, depart_choice),
    quiz_nodes.quiz_field: (visit_field, depart_field),
    quiz_nodes.quiz_actions: (visit_actions, None),
    quiz_nodes.quiz_explanation: (visit_explanation, _closing("div")),
    quiz_nodes.quiz_key: (visit_key, None),
    quiz_nodes.quiz_download: (visit_download, _closing("a", end="")),
    quiz_nodes.quiz_instructions: (visit_instructions, _closing("div")),
    quiz_nodes.quiz_submission: (visit_submission, None),
    quiz_nodes.quiz_notebook: (visit_notebook, None),
}


def setup_html(app: Sphinx) -> None:
    """Register every quiz node with its HTML visitors."""
    for node_class, visitors in HTML_VISITORS.items():
        app.add_node(node_class, html=visitors)
