"""The pass predictor: from a company's own history, the probability that a candidate passes the next human round.

Advice for the people who decide, never a decision: nothing in TalentLoop moves an application on its output.

Features are named by kind, so explanations and suggestions can speak of them: ``dimension:<name>`` for an AI
dimension score on the 1–5 scale (``dimension:团队协作``), ``delivery:<measure>`` for a delivery measure and
``resume:<feature>`` for a structured résumé feature. `feature_matrix` turns rows of named values into the matrix.

The model is a logistic regression on standardised features wrapped in scikit-learn's `CalibratedClassifierCV`
(sigmoid, ``ensemble=False``: one logistic regression fitted on all the history, whose probabilities are calibrated
on cross-validated predictions), so the coefficients that explain a prediction are those of the model that made it.
It refuses to fit on too little history (`InsufficientHistoryError`, with the numbers). Validation is stratified
cross-validation of the whole procedure: AUC with its interval, the reliability curve and Brier score, the counts.
Randomness comes only from ``random_state``; the same history and seed give the same probabilities bit for bit.
Pure Python and scikit-learn: no Django (decision 0027).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from talentloop.analytics.statistics.calibration import CalibrationReport, reliability_curve
from talentloop.analytics.statistics.discrimination import AreaUnderCurve, area_under_curve

#: Stored with every prediction and validation, so a figure can be traced to the procedure that made it.
PREDICTOR_VERSION = "pass_predictor.v1"
DIMENSION_PREFIX = "dimension:"
#: The lowest ``minimum_per_outcome`` a predictor may be configured with.
SMALLEST_MINIMUM_PER_OUTCOME = 4


class RefusalReason(StrEnum):
    TOO_FEW_EXAMPLES = "too_few_examples"
    OUTCOME_TOO_RARE = "outcome_too_rare"


class SuggestedAction(StrEnum):
    ADD_ROUND = "add_round"


class InsufficientHistoryError(ValueError):
    """Too little history (or one outcome too rare) to fit and validate a predictor; the message has the numbers."""

    def __init__(
        self,
        *,
        reason: RefusalReason,
        examples: int,
        passed: int,
        not_passed: int,
        minimum_examples: int,
        minimum_per_outcome: int,
    ) -> None:
        super().__init__(
            f"Too little history to predict: have {examples} examples / {passed} passed / {not_passed} not passed, "
            f"need at least {minimum_examples} examples and {minimum_per_outcome} of each outcome."
        )
        self.reason = reason
        self.examples = examples
        self.passed = passed
        self.not_passed = not_passed
        self.minimum_examples = minimum_examples
        self.minimum_per_outcome = minimum_per_outcome


class PredictorNotFittedError(RuntimeError):
    """A prediction, explanation or suggestion was asked of a predictor before `fit`."""


@dataclass(frozen=True)
class Validation:
    """How the predictor did on history it had not seen (out-of-fold predictions of stratified cross-validation)."""

    predictor_version: str
    examples: int
    passed: int
    not_passed: int
    folds: int
    area_under_curve: AreaUnderCurve
    calibration: CalibrationReport


@dataclass(frozen=True)
class Contribution:
    """One feature's push on the log-odds of passing: coefficient × standardised value (positive helps)."""

    feature: str
    value: float
    standardized_value: float
    contribution: float


@dataclass(frozen=True)
class Suggestion:
    """An action for the people deciding, such as adding a round on a dimension the model predicts weak."""

    action: SuggestedAction
    dimension: str
    value: float
    role_level: float
    contribution: float


@dataclass(frozen=True)
class Advice:
    """The probability of passing with its reasons and suggestions. Advice only: it decides nothing."""

    predictor_version: str
    probability_of_passing: float
    contributions: tuple[Contribution, ...]
    suggestions: tuple[Suggestion, ...]
    examples: int


def folds_for(rarer_outcome: int) -> int:
    """Cross-validation folds by data size: 2, one more per 5 of the rarer outcome past 10, at most 5.

    Each test fold so keeps at least five of the rarer outcome (10 → 2 folds, 15 → 3, 20 → 4, 25 or more → 5).
    """
    return max(2, min(5, rarer_outcome // 5))


def feature_matrix(rows: Sequence[Mapping[str, float]], feature_names: Sequence[str]) -> NDArray[np.float64]:
    """The rows of named feature values as a matrix with columns in ``feature_names`` order; a missing one raises."""
    matrix = np.empty((len(rows), len(feature_names)), dtype=np.float64)
    for row_index, row in enumerate(rows):
        for column, name in enumerate(feature_names):
            if name not in row:
                raise ValueError(f"Row {row_index} has no value for feature {name!r}.")
            matrix[row_index, column] = float(row[name])
    return matrix


class PassPredictor(ClassifierMixin, BaseEstimator):
    """Calibrated logistic regression predicting a pass at the next human round (see the module docstring).

    Follows the estimator contract (STYLE.md): ``__init__`` stores configuration only, ``fit`` returns ``self``,
    learned state ends in ``_``, predicting changes nothing.
    """

    version = PREDICTOR_VERSION

    def __init__(
        self,
        *,
        feature_names: Sequence[str] = (),
        minimum_examples: int = 40,
        minimum_per_outcome: int = 10,
        regularization: float = 1.0,
        calibration_bins: int = 10,
        top_features: int = 3,
        random_state: int = 0,
    ) -> None:
        self.feature_names = feature_names
        self.minimum_examples = minimum_examples
        self.minimum_per_outcome = minimum_per_outcome
        self.regularization = regularization
        self.calibration_bins = calibration_bins
        self.top_features = top_features
        self.random_state = random_state

    # -- fitting -------------------------------------------------------------------------------------------------

    def _check_features(self, X: ArrayLike) -> NDArray[np.float64]:
        matrix = np.asarray(X, dtype=np.float64)
        if matrix.ndim != 2 or matrix.shape[1] != len(self.feature_names):
            raise ValueError(
                f"Expected a matrix with {len(self.feature_names)} columns ({', '.join(self.feature_names)}), "
                f"got shape {matrix.shape}."
            )
        if not np.isfinite(matrix).all():
            raise ValueError("Feature values must be finite numbers (impute missing ones before predicting).")
        return matrix

    def _model(self, rarer_outcome: int) -> CalibratedClassifierCV:
        base = make_pipeline(
            StandardScaler(),
            LogisticRegression(C=self.regularization, max_iter=1000, random_state=self.random_state),
        )
        folds = StratifiedKFold(n_splits=folds_for(rarer_outcome), shuffle=True, random_state=self.random_state)
        return CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)

    def fit(self, X: ArrayLike, y: ArrayLike) -> PassPredictor:
        """Fit on the history ``X`` (one row per candidate) and ``y`` (True = passed), after validating it.

        Raises `InsufficientHistoryError` when there are fewer than ``minimum_examples`` rows or fewer than
        ``minimum_per_outcome`` of either outcome.
        """
        if not self.feature_names or len(set(self.feature_names)) != len(self.feature_names):
            raise ValueError("feature_names must name every column once.")
        if self.minimum_per_outcome < SMALLEST_MINIMUM_PER_OUTCOME:
            # Below 4, a training fold of the two-fold validation could hold too few for the inner calibration folds.
            raise ValueError(f"minimum_per_outcome must be at least {SMALLEST_MINIMUM_PER_OUTCOME}.")
        matrix = self._check_features(X)
        outcomes = np.asarray(y, dtype=bool)
        if outcomes.shape != (matrix.shape[0],):
            raise ValueError(f"Expected {matrix.shape[0]} outcomes, got shape {outcomes.shape}.")
        examples = int(matrix.shape[0])
        passed = int(outcomes.sum())
        not_passed = examples - passed
        reason = None
        if examples < self.minimum_examples:
            reason = RefusalReason.TOO_FEW_EXAMPLES
        elif min(passed, not_passed) < self.minimum_per_outcome:
            reason = RefusalReason.OUTCOME_TOO_RARE
        if reason is not None:
            raise InsufficientHistoryError(
                reason=reason,
                examples=examples,
                passed=passed,
                not_passed=not_passed,
                minimum_examples=self.minimum_examples,
                minimum_per_outcome=self.minimum_per_outcome,
            )
        labels = outcomes.astype(np.int64)
        folds = folds_for(min(passed, not_passed))
        out_of_fold = np.empty(examples, dtype=np.float64)
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.random_state)
        for train, test in splitter.split(matrix, labels):
            train_labels = labels[train]
            rarer = int(min(train_labels.sum(), len(train_labels) - train_labels.sum()))
            fold_model = self._model(rarer).fit(matrix[train], train_labels)
            out_of_fold[test] = fold_model.predict_proba(matrix[test])[:, 1]
        validation_probabilities = [float(value) for value in out_of_fold]
        validation_outcomes = [bool(value) for value in outcomes]

        model = self._model(min(passed, not_passed)).fit(matrix, labels)
        pipeline = model.calibrated_classifiers_[0].estimator
        scaler = pipeline.named_steps["standardscaler"]
        regression = pipeline.named_steps["logisticregression"]

        self.model_ = model
        self.classes_ = np.array([False, True])
        self.n_features_in_ = len(self.feature_names)
        self.means_ = tuple(float(value) for value in scaler.mean_)
        self.scales_ = tuple(float(value) for value in scaler.scale_)
        self.coefficients_ = tuple(float(value) for value in regression.coef_[0])
        self.intercept_ = float(regression.intercept_[0])
        self.validation_ = Validation(
            predictor_version=PREDICTOR_VERSION,
            examples=examples,
            passed=passed,
            not_passed=not_passed,
            folds=folds,
            area_under_curve=area_under_curve(validation_probabilities, validation_outcomes),
            calibration=reliability_curve(validation_probabilities, validation_outcomes, bins=self.calibration_bins),
        )
        return self

    # -- predicting ----------------------------------------------------------------------------------------------

    def _fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise PredictorNotFittedError("The pass predictor has not been fitted.")

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """Calibrated probabilities, one row per candidate: [not passing, passing]."""
        self._fitted()
        probabilities: NDArray[np.float64] = self.model_.predict_proba(self._check_features(X))
        return probabilities

    def predict(self, X: ArrayLike) -> NDArray[np.bool_]:
        """True where passing is the likelier outcome (probability ≥ 0.5)."""
        predictions: NDArray[np.bool_] = self.predict_proba(X)[:, 1] >= 0.5
        return predictions

    def _row(self, x: ArrayLike) -> NDArray[np.float64]:
        self._fitted()
        row: NDArray[np.float64] = self._check_features(np.asarray(x, dtype=np.float64).reshape(1, -1))[0]
        return row

    def explain(self, x: ArrayLike, *, top: int | None = None) -> tuple[Contribution, ...]:
        """The features that moved this candidate's prediction most, largest push first (signed, log-odds).

        A contribution is coefficient × standardised value: how far from the history's average this candidate is on
        the feature, weighted by how much the feature matters. The sigmoid calibration is increasing, so the signs
        hold for the calibrated probability too.
        """
        contributions = self._contributions(self._row(x))
        ordered = sorted(contributions, key=lambda item: (-abs(item.contribution), item.feature))
        return tuple(ordered[: self.top_features if top is None else top])

    def _contributions(self, row: NDArray[np.float64]) -> list[Contribution]:
        result = []
        for index, name in enumerate(self.feature_names):
            standardized = (float(row[index]) - self.means_[index]) / self.scales_[index]
            result.append(
                Contribution(
                    feature=name,
                    value=float(row[index]),
                    standardized_value=standardized,
                    contribution=self.coefficients_[index] * standardized,
                )
            )
        return result

    def suggest(self, x: ArrayLike, *, role_levels: Mapping[str, float]) -> tuple[Suggestion, ...]:
        """Actions for the deciders: a round on each dimension below the role's level that pulls the prediction down.

        ``role_levels`` maps a dimension name (``团队协作``) to the level the role asks for (from the job profile).
        Only ``dimension:`` features are considered; the most negative contribution comes first.
        """
        suggestions = []
        for item in self._contributions(self._row(x)):
            if not item.feature.startswith(DIMENSION_PREFIX):
                continue
            dimension = item.feature[len(DIMENSION_PREFIX) :]
            level = role_levels.get(dimension)
            if level is None or not item.value < level or not item.contribution < 0:
                continue
            suggestions.append(
                Suggestion(
                    action=SuggestedAction.ADD_ROUND,
                    dimension=dimension,
                    value=item.value,
                    role_level=float(level),
                    contribution=item.contribution,
                )
            )
        return tuple(sorted(suggestions, key=lambda item: (item.contribution, item.dimension)))

    def advise(self, x: ArrayLike, *, role_levels: Mapping[str, float] | None = None) -> Advice:
        """The probability of passing for one candidate, with its main reasons and suggested actions."""
        row = self._row(x)
        probability = float(self.model_.predict_proba(row.reshape(1, -1))[0, 1])
        return Advice(
            predictor_version=PREDICTOR_VERSION,
            probability_of_passing=probability,
            contributions=self.explain(row),
            suggestions=self.suggest(row, role_levels=role_levels or {}),
            examples=self.validation_.examples,
        )
