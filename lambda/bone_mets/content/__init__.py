"""The content file: every word the skill says, validated, per locale.

- values.py: the value types (Content, LocaleContent, Topic, Aspect, Grounds, ContentError);
- validation.py: reading the file and every rule it must keep (load_content, check_sources);
- compilation.py: the stamped JSON the Lambda build ships (compile_content);
- localisation.py: each locale's spelling, applied on first use.
"""

from .compilation import compile_content
from .localisation import LazyLocales, Spelling
from .validation import (READING_LISTS, REQUIRED_PROMPTS, SAFETY_SIGNS, SAFETY_TEXTS, check_sources, fold,
                         load_content)
from .values import SAFETY_CLOSES, Aspect, Content, ContentError, Grounds, LocaleContent, Topic

__all__ = ["READING_LISTS", "REQUIRED_PROMPTS", "SAFETY_CLOSES", "SAFETY_SIGNS", "SAFETY_TEXTS", "Aspect",
           "Content", "ContentError", "Grounds", "LazyLocales", "LocaleContent", "Spelling", "Topic",
           "check_sources", "compile_content", "fold", "load_content"]
