"""Quiz text is Markdown: parse it with the page's own parser, so markup and roles work.

In a MyST page the directive's ``state`` is MyST's, so ``nested_parse`` and ``inline_text``
read Markdown (``{term}`` roles, code, emphasis) and Sphinx escapes the result when writing.
Raw HTML, which Markdown would pass through, is turned back into text: quiz text ends up inside
labels and legends, where a stray tag would break the form.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


class MarkdownReader:
    """Parses quiz text in the context of one directive (for line numbers and roles)."""

    def __init__(self, directive: SphinxDirective, source: str) -> None:
        self.directive = directive
        self.source = source

    def blocks(self, text: str) -> list[nodes.Node]:
        """Block Markdown (paragraphs, lists) as a list of nodes."""
        holder = nodes.container()
        lines = StringList(text.splitlines(), source=self.source)
        self.directive.state.nested_parse(lines, self.directive.content_offset, holder)
        return _without_raw(list(holder.children))

    def inline(self, text: str) -> list[nodes.Node]:
        """Inline Markdown (a choice, an item) as phrasing nodes, fit for a label."""
        parsed, messages = self.directive.state.inline_text(
            " ".join(text.split()), self.directive.lineno
        )
        return _without_raw([*parsed, *messages])

    def phrasing_or_blocks(self, text: str) -> tuple[list[nodes.Node], bool]:
        """Parse block Markdown; when it is a single paragraph, return its inline children.

        The flag says whether the result is phrasing content (allowed in ``legend``/``label``).
        """
        parsed = self.blocks(text)
        if len(parsed) == 1 and isinstance(parsed[0], nodes.paragraph):
            return list(parsed[0].children), True
        return parsed, False

    @staticmethod
    def plain(parsed: list[nodes.Node]) -> str:
        """Text without markup, for places that take no markup (``<option>``)."""
        return " ".join("".join(node.astext() for node in parsed).split())


def _without_raw(parsed: list[nodes.Node]) -> list[nodes.Node]:
    """Replace raw HTML (at any depth) by its source as plain, escaped text."""
    holder = nodes.Element("", *parsed)
    for raw in list(holder.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    return list(holder.children)
