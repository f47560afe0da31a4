"""Field parsers: small pure functions from text to typed values.

Regulation citations, dates, durations, NIPs, job titles and agency types, and
Indonesian numbers. Vocabularies live in ``extractor/data/*.yml``; the spaCy
pipeline they share is :func:`extractor.fields.nlp.get_nlp`.
"""

from extractor.fields.citations import (
    RegulationType,
    parse_citation,
    parse_citations,
    regulation_type,
    regulation_types,
    split_citations,
)
from extractor.fields.dates import find_dates, parse_date
from extractor.fields.durations import parse_duration
from extractor.fields.jabatan import JobTitle, agency_type, find_titles, normalise_title
from extractor.fields.nip import find_nip, split_nip
from extractor.fields.numbers import parse_number, words_to_number

__all__ = [
    "JobTitle",
    "RegulationType",
    "agency_type",
    "find_dates",
    "find_nip",
    "find_titles",
    "normalise_title",
    "parse_citation",
    "parse_citations",
    "parse_date",
    "parse_duration",
    "parse_number",
    "regulation_type",
    "regulation_types",
    "split_citations",
    "split_nip",
    "words_to_number",
]
