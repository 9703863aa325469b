"""The comparison form of a name, shared by the entity finder and the grouping of facts."""

from __future__ import annotations

import re
import unicodedata


def squash(name: str) -> str:
    """Comparison form of a name: no accents, case, spaces or punctuation ("Acme Labs" = "AcmeLabs")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text.casefold())
