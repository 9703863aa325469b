"""Reviewing facts one by one: what each answer does to a fact, and where it is written.

Answers (one per line, so a session can be scripted):
  c / confirm            the fact is right
  r / reject             the fact is wrong; it leaves the reconciliation
  e FIELD=VALUE          correct a field: amount, unit, qualifier (the value) or subject,
                         predicate, object, attribution, scope
  n TEXT                 add a note
  s / skip               leave it for later
  q / quit               stop; everything answered so far is already on disk
Every answer that changes a fact is written to its fact file at once (atomically).
"""

from __future__ import annotations

from pathlib import Path

from reconcile.errors import BadInput
from reconcile.models import CORRECTABLE_FIELDS, Fact, Qualifier, Quantity, ReviewStatus
from reconcile.store import fact_file_path, load_fact_file, render_fact_file, write_atomic

VALUE_FIELDS = ("amount", "unit", "qualifier", "currency")


class AnswerError(ValueError):
    """An answer that cannot be applied; the session says why and asks again."""


def apply_answer(fact: Fact, answer: str) -> tuple[Fact | None, str]:
    """The fact after one answer (None when nothing changes) and what happened, in words."""
    text = answer.strip()
    command, _, rest = text.partition(" ")
    command = command.lower()
    if command in ("c", "confirm"):
        return fact.model_copy(
            update={"review": fact.review.model_copy(update={"status": ReviewStatus.confirmed})}
        ), "confirmed"
    if command in ("r", "reject"):
        return fact.model_copy(
            update={"review": fact.review.model_copy(update={"status": ReviewStatus.rejected})}
        ), "rejected"
    if command in ("n", "note"):
        if not rest.strip():
            raise AnswerError("a note needs text: n TEXT")
        return fact.model_copy(update={"review": fact.review.model_copy(update={"note": rest.strip()})}), "note added"
    if command in ("e", "edit", "correct"):
        field, sep, value = rest.partition("=")
        field, value = field.strip(), value.strip()
        if not sep or not field:
            raise AnswerError("write e FIELD=VALUE, e.g. e amount=750")
        return _correct(fact, field, value), f"{field} corrected"
    if command in ("s", "skip", ""):
        return None, "skipped"
    raise AnswerError(f"unknown answer {text!r}: c, r, e FIELD=VALUE, n TEXT, s or q")


def _correct(fact: Fact, field: str, value: str) -> Fact:
    review = fact.review
    if field in VALUE_FIELDS:
        base = review.corrected or fact.value or Quantity(amount=None)
        data = base.model_dump()
        if field == "amount":
            try:
                data["amount"] = float(value.replace(",", ".").replace(" ", "")) if value else None
            except ValueError as err:
                raise AnswerError(f"amount must be a number, not {value!r}") from err
            data["low"] = data["high"] = data["amount"]
        elif field == "qualifier":
            try:
                data["qualifier"] = Qualifier(value)
            except ValueError as err:
                raise AnswerError(f"qualifier must be one of {', '.join(q.value for q in Qualifier)}") from err
        else:
            data[field] = value or None
        corrected = Quantity.model_validate(data)
        review = review.model_copy(update={"corrected": corrected, "status": ReviewStatus.corrected})
    elif field in CORRECTABLE_FIELDS:
        fields = dict(review.corrected_fields)
        fields[field] = value
        review = review.model_copy(update={"corrected_fields": fields, "status": ReviewStatus.corrected})
    else:
        raise AnswerError(f"cannot correct {field!r}: use {', '.join(VALUE_FIELDS + CORRECTABLE_FIELDS)}")
    return fact.model_copy(update={"review": review})


def save_review(facts_dir: Path, fact: Fact) -> None:
    """Write one reviewed fact back into its fact file, atomically, keeping everything else."""
    path = fact_file_path(facts_dir, fact.source)
    if not path.exists():
        raise BadInput(path, "fact file disappeared during the review")
    fact_file = load_fact_file(path)
    facts = [fact if f.id == fact.id else f for f in fact_file.facts]
    write_atomic(path, render_fact_file(fact_file.model_copy(update={"facts": facts})))


def paragraph(text: str, start: int, end: int, width: int = 300) -> tuple[str, int, int]:
    """The line of the article around a quote, trimmed to about `width` characters; and the quote's place in it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - width // 2)
    right = min(line_end, end + width // 2)
    return text[left:right], start - left, end - left
