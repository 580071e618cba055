"""The isotonic calibration: exact fitted breakpoints, predictions, the estimator contract and a lossless JSON trip."""

import json

import pytest

from talentloop.scoring.calibration import (
    CalibrationDataError,
    CalibrationNotFittedError,
    IsotonicCalibration,
    fixed_level,
)


def test_fixed_mapping_is_a_clipped_straight_line():
    assert [fixed_level(score) for score in (-5, 0, 25, 50, 62.5, 100, 130)] == [1.0, 1.0, 2.0, 3.0, 3.5, 5.0, 5.0]


def test_violators_are_pooled_and_predictions_interpolate_and_clip():
    # Given 20 → 3 and 30 → 2 violate the order, so they pool to their mean 2.5.
    calibration = IsotonicCalibration().fit([10, 20, 30, 40], [1, 3, 2, 4])
    assert calibration.thresholds_scores_ == [10.0, 20.0, 30.0, 40.0]
    assert calibration.thresholds_levels_ == [1.0, 2.5, 2.5, 4.0]
    assert calibration.n_samples_ == 4
    assert calibration.predict([0, 10, 15, 25, 35, 40, 100]) == [1.0, 1.0, 1.75, 2.5, 3.25, 4.0, 4.0]


def test_equal_scores_pool_first_and_order_of_input_does_not_matter():
    forward = IsotonicCalibration().fit([50, 50, 60], [2, 4, 5])
    backward = IsotonicCalibration().fit([60, 50, 50], [5, 4, 2])
    assert forward.thresholds_scores_ == backward.thresholds_scores_ == [50.0, 60.0]
    assert forward.thresholds_levels_ == backward.thresholds_levels_ == [3.0, 5.0]


def test_a_long_decreasing_run_pools_into_one_block_kept_by_its_ends():
    calibration = IsotonicCalibration().fit([10, 20, 30, 40], [5, 4, 2, 1])
    assert calibration.thresholds_scores_ == [10.0, 40.0]
    assert calibration.thresholds_levels_ == [3.0, 3.0]
    assert calibration.predict([0, 25, 90]) == [3.0, 3.0, 3.0]


def test_predictions_never_decrease():
    calibration = IsotonicCalibration().fit([5, 12, 12, 40, 41, 77, 90, 95], [1, 2, 1, 4, 3, 3, 5, 4])
    predicted = calibration.predict([float(score) for score in range(0, 101)])
    assert predicted == sorted(predicted)
    assert min(predicted) >= 1.0 and max(predicted) <= 5.0


def test_estimator_contract():
    calibration = IsotonicCalibration(minimum_level=1.0, maximum_level=5.0)
    assert calibration.get_params() == {"minimum_level": 1.0, "maximum_level": 5.0}
    assert not [name for name in vars(calibration) if name.endswith("_")]
    with pytest.raises(CalibrationNotFittedError):
        calibration.predict([50])
    with pytest.raises(CalibrationNotFittedError):
        calibration.to_dict()
    assert calibration.fit([10, 90], [2, 4]) is calibration
    first = calibration.predict([30, 70])
    assert calibration.predict([30, 70]) == first == [2.5, 3.5]


def test_stored_calibration_reproduces_predictions_exactly():
    scores = [3.3, 17.1, 17.1, 42.9, 58.0, 61.7, 88.8]
    levels = [1, 2, 3, 2, 4, 3, 5]
    fitted = IsotonicCalibration().fit(scores, levels)
    stored = json.loads(json.dumps(fitted.to_dict()))
    assert stored["kind"] == "isotonic" and stored["format"] == 1 and stored["n_samples"] == 7
    loaded = IsotonicCalibration.from_dict(stored)
    probes = [value / 7 for value in range(0, 701)]
    assert loaded.predict(probes) == fitted.predict(probes)


@pytest.mark.parametrize(
    ("scores", "levels", "message"),
    [([], [], "at least one"), ([1, 2], [3], "2 scores but 1 levels"), ([float("nan")], [3], "finite")],
)
def test_bad_fit_data_is_refused(scores, levels, message):
    with pytest.raises(CalibrationDataError, match=message):
        IsotonicCalibration().fit(scores, levels)


def test_bad_stored_parameters_are_refused():
    with pytest.raises(CalibrationDataError, match="Not a stored isotonic calibration"):
        IsotonicCalibration.from_dict({"kind": "linear", "format": 1})
    with pytest.raises(CalibrationDataError, match="incomplete"):
        IsotonicCalibration.from_dict({"kind": "isotonic", "format": 1})
    with pytest.raises(CalibrationDataError, match="increasing"):
        IsotonicCalibration.from_dict(
            {
                "kind": "isotonic",
                "format": 1,
                "params": {"minimum_level": 1, "maximum_level": 5},
                "thresholds_scores": [10, 5],
                "thresholds_levels": [1, 2],
                "n_samples": 2,
            }
        )
