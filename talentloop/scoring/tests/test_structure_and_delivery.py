from talentloop.scoring.delivery import DeliveryInput, TimedWord, measure_delivery
from talentloop.scoring.structure import analyse_structure


def test_star_connectors_quantities_with_evidence():
    answer = "去年我负责华东区的销售目标。首先我走访了客户，然后调整了方案。最终销售额提升了20%，多赚了50万元。"
    features = analyse_structure(answer)
    assert features.star_elements == ("situation", "task", "action", "result")
    assert [item.quote for item in features.connectors] == ["首先", "然后"]
    assert [(item.start, item.end, item.quote) for item in features.quantities] == [(39, 42, "20%"), (46, 50, "50万元")]
    assert answer[39:42] == "20%" and answer[46:50] == "50万元"
    assert features.has_quantified_result is True


def test_only_i_versus_team():
    assert analyse_structure("我做了很多，我很努力。").speaks_about_others is False
    features = analyse_structure("我们团队一起做的。")
    assert features.speaks_about_others is True
    assert features.self_mentions == 0  # "我们" is a "we", not an "I"


def test_english_structure():
    features = analyse_structure("First I asked the client. Then we built a pilot. As a result churn fell 15%.")
    assert [item.quote for item in features.connectors] == ["First", "Then", "As a result"]
    assert [item.quote for item in features.quantities] == ["15%"]


def test_delivery_measures():
    words = [
        TimedWord("嗯", 0.0, 0.4),
        TimedWord("我", 0.5, 0.7),
        TimedWord("先", 4.0, 4.2),
        TimedWord("然后", 4.3, 6.0),
    ]
    measures = measure_delivery(
        DeliveryInput(text="嗯我先然后", words=words, expected_seconds=12, cohort_average_seconds=10, retries=1)
    )
    assert measures.duration_seconds == 6.0
    assert measures.duration_to_expected == 0.5
    assert measures.percent_versus_cohort == -40.0
    assert measures.characters == 5
    assert measures.units_per_minute == 50.0
    assert [(pause.after_word, pause.seconds) for pause in measures.long_pauses] == [("我", 3.3)]
    assert measures.filler_count == 2
    assert measures.retries == 1
    assert measures.skipped is False


def test_english_filler_phrases():
    measures = measure_delivery(DeliveryInput(text="Um I think, you know, it was like fine"))
    assert measures.filler_count == 3
    assert measures.duration_seconds is None
