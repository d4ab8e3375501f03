"""Which language an article is written in, and which Punkt model splits its sentences."""

from __future__ import annotations

#: ISO 639-1 codes of the languages whose Punkt models ship in resources/nltk_data.
PUNKT_MODELS = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "it": "italian", "ml": "malayalam", "no": "norwegian",
    "nb": "norwegian", "nn": "norwegian", "pl": "polish", "pt": "portuguese", "ru": "russian",
    "sl": "slovene", "es": "spanish", "sv": "swedish", "tr": "turkish",
}


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid), 'en' for text too short to tell."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 40:
        return "en"
    import py3langid

    code, _score = py3langid.classify(sample)
    return code


def punkt_model(language: str) -> str:
    """The Punkt model for a language; English where none ships."""
    return PUNKT_MODELS.get(language, "english")
