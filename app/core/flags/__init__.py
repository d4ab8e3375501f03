"""What does not belong to an article: sidebars, navigation, promotions, comments, captions, code, repeats.

Every flag carries a kind and a reason a person understands. The signals, in order of trust: phrases and
forms that only ever mean page furniture (`furniture`), the article's main block of prose (the densest run of
sentence-like paragraphs, `article`) and its own headline and deck (`headline`), captions beside a
photo's credit (`captions`), how well a line fits the article's vocabulary, the shape of the line, comment
structure (`comments`), text repeated inside the article and, across a corpus, lines that recur in many
unrelated articles (`repeats`). A flag that would remove most of
the article's prose needs corroboration from a second signal.
"""

from app.core.flags.article import ArticleParts, flag_article, main_block, read_parts
from app.core.flags.comments import COMMENTS_START
from app.core.flags.furniture import INLINE_TEASER, KNOWN_FURNITURE
from app.core.flags.repeats import flag_recurring_lines

__all__ = ["COMMENTS_START", "INLINE_TEASER", "KNOWN_FURNITURE", "ArticleParts", "flag_article",
           "flag_recurring_lines", "main_block", "read_parts"]
