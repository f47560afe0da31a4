"""The one spaCy pipeline of the field parsers and the phrase matching on it.

A blank Indonesian pipeline (``spacy.blank("id")``): its tokenizer and stop words,
no statistical model, nothing to download. Vocabularies (regulation types, job
titles) are matched with :class:`spacy.matcher.PhraseMatcher` on lower-cased
tokens of a *match view* of the text: the same string with the punctuation that
joins abbreviation parts (``. - – — /``) turned into spaces. The view has the
same length as the text, so match offsets are offsets into the original, and
"Ka.Sub.Bag", "Ka. Sub. Bag." and "Ka Sub Bag" tokenize alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: it costs seconds at start-up
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokenizer import Tokenizer

# Punctuation that glues the parts of an abbreviation or compound
# ("PermenPAN-RB", "Ka.Sub.Bag.", "ATR/BPN", "Undang–Undang").
JOINERS = re.compile(r"[.\-–—/]")

#: One phrase match: (label, start char, end char).
PhraseHit = tuple[str, int, int]


#: Registered name of the tokenizer factory below.
TOKENIZER_NAME = "sopcheck.id_tokenizer_without_exceptions.v1"


def _register_tokenizer() -> None:
    """Register the Indonesian tokenizer without its special cases.

    ``spacy.blank("id")`` loads ~16,000 tokenizer exceptions, nearly all hyphenated
    words ("undang-undang"), which takes 3–10 s. The match view turns those
    hyphens into spaces, so the exceptions can never apply here; the prefix,
    suffix and infix rules of the language are kept.
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import (
        compile_infix_regex,
        compile_prefix_regex,
        compile_suffix_regex,
        registry,
    )

    if TOKENIZER_NAME in registry.tokenizers:
        return

    @registry.tokenizers(TOKENIZER_NAME)
    def create_tokenizer() -> Callable[[Language], Tokenizer]:
        def make(nlp: Language) -> Tokenizer:
            defaults = nlp.Defaults
            return Tokenizer(
                nlp.vocab,
                rules={},
                prefix_search=compile_prefix_regex(defaults.prefixes).search,
                suffix_search=compile_suffix_regex(defaults.suffixes).search,
                infix_finditer=compile_infix_regex(defaults.infixes).finditer,
                token_match=defaults.token_match,
                url_match=defaults.url_match,
            )

        return make


@cache
def get_nlp() -> Language:
    """The shared blank ``id`` pipeline (Indonesian tokenizer rules, lexical attributes)."""
    import spacy

    _register_tokenizer()
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


def match_view(text: str) -> str:
    """``text`` with joining punctuation replaced by spaces (same length)."""
    return JOINERS.sub(" ", text)


def build_phrase_matcher(phrases: Mapping[str, Iterable[str]]) -> PhraseMatcher:
    """A case-insensitive matcher; ``phrases`` maps a label to its spellings."""
    from spacy.matcher import PhraseMatcher

    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, spellings in phrases.items():
        views = sorted({" ".join(match_view(s).split()) for s in spellings if s.strip()})
        matcher.add(label, list(nlp.tokenizer.pipe(views)))
    return matcher


def find_phrases(matcher: PhraseMatcher, text: str) -> list[PhraseHit]:
    """Every match in ``text`` as (label, start, end) char offsets, overlaps included."""
    nlp = get_nlp()
    doc = nlp.make_doc(match_view(text))
    hits: list[PhraseHit] = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        hits.append((nlp.vocab.strings[match_id], span.start_char, span.end_char))
    return hits


def longest_first(hits: Iterable[PhraseHit]) -> list[PhraseHit]:
    """Non-overlapping hits, preferring the longest, then the earliest (filter_spans)."""
    chosen: list[PhraseHit] = []
    for hit in sorted(hits, key=lambda h: (-(h[2] - h[1]), h[1])):
        if all(hit[2] <= c[1] or hit[1] >= c[2] for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h[1])
