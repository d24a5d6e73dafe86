"""The message catalogs: every language says every message, with the same placeholders."""

from __future__ import annotations

import pytest

from grading.messages import LANGUAGES, SOURCE_LANGUAGE, catalog, message, placeholders
from grading.quiz.answer_format import WORDS


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_language_has_every_english_message_with_its_placeholders(lang: str) -> None:
    english, translated = catalog(SOURCE_LANGUAGE), catalog(lang)
    assert english, "the English catalog is empty"
    assert sorted(set(english) - set(translated)) == []
    assert sorted(set(translated) - set(english)) == []
    for key, text in english.items():
        assert placeholders(translated[key]) == placeholders(text), key
        assert translated[key].strip(), key


def test_an_unknown_language_is_refused_not_answered_in_english() -> None:
    with pytest.raises(KeyError, match="no message catalog for language 'fr'"):
        message("fr", "anything")


def test_the_check_cells_own_english_words_are_the_catalogs() -> None:
    """answer_format.py carries its English words (the check cell is self-contained); the
    catalog's check.* entries, which the other languages translate, must say the same."""
    english = {
        key.removeprefix("check."): text
        for key, text in catalog(SOURCE_LANGUAGE).items()
        if key.startswith("check.")
    }
    assert english == WORDS
