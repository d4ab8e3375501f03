"""The comparison engine: pure Python, no Qt. Ingest, sentences, flags, the corpus index, alignment, reports."""
