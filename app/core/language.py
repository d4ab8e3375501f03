"""Which language an article is written in, and which Punkt model splits its sentences."""

from __future__ import annotations

import re
from functools import cache

from app.core.text import COMMON_ENGLISH

#: ISO 639-1 codes of the languages whose Punkt models ship in resources/nltk_data.
PUNKT_MODELS = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "it": "italian", "ml": "malayalam", "no": "norwegian",
    "nb": "norwegian", "nn": "norwegian", "pl": "polish", "pt": "portuguese", "ru": "russian",
    "sl": "slovene", "es": "spanish", "sv": "swedish", "tr": "turkish",
}


_WORDS = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid), 'en' for text too short to tell.

    Plain English prose, where more than one word in seven is one of the commonest English words, is told at once.
    """
    sample = text[:1500]
    words = _WORDS.findall(sample.lower())
    if len(words) < 8:
        return "en"
    if sum(w in COMMON_ENGLISH for w in words) >= 0.15 * len(words):
        return "en"
    return identify(sample)[0]


@cache
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """py3langid's language for the first 3,000 characters and its probability (normalised, 0 to 1).

    The one language identifier: the analysis asks it for an article's language, and the encoding guess asks it
    how much each candidate decoding reads like a language.
    """
    code, prob = _identifier().classify(text[:3000])
    return code, float(prob)


def punkt_model(language: str) -> str:
    """The Punkt model for a language; English where none ships."""
    return PUNKT_MODELS.get(language, "english")
