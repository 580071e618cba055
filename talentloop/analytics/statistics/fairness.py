"""Adverse-impact statistics for any stage of selection (AI interview pass, advance, offer) and for AI scores.

For one attribute (``sex``) or an intersection of several (``sex`` × ``age_band``) the audit gives, per group, its
count, how many were selected, the **selection rate**, the group's **share** of the sample and its **impact ratio**:
its rate divided by the highest rate among the groups taken into account (the reference group). A group is
**flagged** under the four-fifths rule when its impact ratio is strictly below 4/5. Rates and ratios are exact
`Fraction` values, so 40/100 against 50/100 is exactly 4/5 and not flagged, where floating point could tip it either
way; `float()` them for display.

- **Unknown**: a subject whose value for any audited attribute is missing, ``None`` or blank is counted in
  ``unknown`` (and ``unknown_selected``), not in a group. Shares are of the whole sample, unknowns included.
- **Small groups**: a group under `SMALL_GROUP_SHARE` (2 %) of the sample is marked ``small``. It is always reported;
  with ``exclude_small=True`` it is also ``excluded``: it cannot be the reference group and is never flagged (its
  ratio is still shown), since one person selected out of one would otherwise set the bar for everyone.
- **Scores** (`scoring_rate_audit`): the scoring-rate method turns a continuous score into "selected" when the score
  is strictly above the median of the full sample (unknowns included), then audits as above.
- The reference is the highest rate among the groups taken into account, ties broken by the group's name. When that
  rate is 0 (nobody was selected) no ratio is defined: every ratio is ``None`` and nothing is flagged.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

#: A group is flagged when its impact ratio is strictly below this (the four-fifths rule).
FOUR_FIFTHS = Fraction(4, 5)
#: A group under this share of the sample is small (reported, and excludable).
SMALL_GROUP_SHARE = Fraction(2, 100)
#: Joins the values of an intersectional group in its label.
INTERSECTION_SEPARATOR = " × "


@dataclass(frozen=True)
class Subject:
    """One person at one stage: their group values (``{"sex": "女", "age_band": "25–34"}``) and whether selected."""

    attributes: Mapping[str, str | None]
    selected: bool


@dataclass(frozen=True)
class ScoredSubject:
    """One person with a continuous score (an AI score), for the scoring-rate method."""

    attributes: Mapping[str, str | None]
    score: float


@dataclass(frozen=True)
class GroupRate:
    """One group's figures. ``impact_ratio`` is ``None`` when the reference rate is 0."""

    group: tuple[str, ...]
    count: int
    selected: int
    selection_rate: Fraction
    share: Fraction
    impact_ratio: Fraction | None
    small: bool
    excluded: bool
    reference: bool
    flagged: bool

    @property
    def label(self) -> str:
        """The group's values joined by " × " (just the value for a single attribute)."""
        return INTERSECTION_SEPARATOR.join(self.group)


@dataclass(frozen=True)
class FairnessAudit:
    """The audit of one attribute (or intersection) at one stage, groups ordered by their values."""

    attributes: tuple[str, ...]
    total: int
    unknown: int
    unknown_selected: int
    groups: tuple[GroupRate, ...]
    reference_group: tuple[str, ...] | None
    median: float | None = None

    @property
    def flagged_groups(self) -> tuple[GroupRate, ...]:
        """The groups below four fifths of the reference rate."""
        return tuple(group for group in self.groups if group.flagged)


def _group_of(subject_attributes: Mapping[str, str | None], attributes: Sequence[str]) -> tuple[str, ...] | None:
    values = []
    for attribute in attributes:
        value = subject_attributes.get(attribute)
        if value is None or not str(value).strip():
            return None
        values.append(str(value).strip())
    return tuple(values)


def fairness_audit(
    subjects: Sequence[Subject], *, attributes: Sequence[str], exclude_small: bool = False
) -> FairnessAudit:
    """Selection rates, shares, impact ratios and four-fifths flags per group of ``attributes``.

    One attribute audits its groups; several audit their intersections. See the module docstring for the rules.
    """
    if not attributes:
        raise ValueError("A fairness audit needs at least one attribute.")
    attributes = tuple(attributes)
    counts: dict[tuple[str, ...], list[int]] = {}
    unknown = unknown_selected = 0
    for subject in subjects:
        group = _group_of(subject.attributes, attributes)
        if group is None:
            unknown += 1
            unknown_selected += int(subject.selected)
            continue
        tally = counts.setdefault(group, [0, 0])
        tally[0] += 1
        tally[1] += int(subject.selected)
    total = len(subjects)
    rates = {group: Fraction(selected, count) for group, (count, selected) in counts.items()}
    small = {group: Fraction(count, total) < SMALL_GROUP_SHARE for group, (count, _) in counts.items()}
    candidates = sorted(group for group in counts if not (exclude_small and small[group]))
    reference = max(candidates, key=lambda group: rates[group], default=None)
    # max keeps the first of equal rates, and candidates are sorted, so ties go to the group that sorts first.
    reference_rate = rates[reference] if reference is not None else Fraction(0)
    if not reference_rate:
        reference = None
    groups = []
    for group in sorted(counts):
        count, selected = counts[group]
        excluded = exclude_small and small[group]
        ratio = rates[group] / reference_rate if reference_rate else None
        groups.append(
            GroupRate(
                group=group,
                count=count,
                selected=selected,
                selection_rate=rates[group],
                share=Fraction(count, total),
                impact_ratio=ratio,
                small=small[group],
                excluded=excluded,
                reference=group == reference,
                flagged=ratio is not None and not excluded and ratio < FOUR_FIFTHS,
            )
        )
    return FairnessAudit(
        attributes=attributes,
        total=total,
        unknown=unknown,
        unknown_selected=unknown_selected,
        groups=tuple(groups),
        reference_group=reference,
    )


def scoring_rate_audit(
    subjects: Sequence[ScoredSubject], *, attributes: Sequence[str], exclude_small: bool = False
) -> FairnessAudit:
    """The scoring-rate method: "selected" means a score strictly above the full-sample median, then `fairness_audit`.

    The median is of every subject's score, unknown groups included, and is returned with the audit.
    """
    if not subjects:
        return fairness_audit([], attributes=attributes, exclude_small=exclude_small)
    median = statistics.median(subject.score for subject in subjects)
    selections = [Subject(attributes=subject.attributes, selected=subject.score > median) for subject in subjects]
    audit = fairness_audit(selections, attributes=attributes, exclude_small=exclude_small)
    return dataclasses.replace(audit, median=float(median))
