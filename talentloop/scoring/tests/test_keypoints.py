from talentloop.scoring.keypoints import AnalysedAnswer, KeyPointSpec, LexicalEvidence, Rule, Status, decide

NEED = KeyPointSpec(
    identifier="need",
    text="识别客户的真实需求或顾虑",
    weight=3,
    keywords=("痛点", "需求"),
    synonyms=("最担心",),
    example_phrases=("我先问清楚客户最担心的是什么",),
    improvement_tip_id="need-tip",
)


def find(answer: str, key_point: KeyPointSpec = NEED, question: str = ""):
    return LexicalEvidence().find(AnalysedAnswer.build(answer, question), [key_point])[key_point.identifier]


def test_keyword_evidence_points_at_the_original_quote():
    answer = "去年我跟进一家工厂，发现他们真正的痛点是停机。"
    evidence = [item for item in find(answer) if item.rule == Rule.KEYWORD]
    assert [(item.start, item.end, item.quote, item.matched, item.strength) for item in evidence] == [
        (17, 19, "痛点", "痛点", 1.0)
    ]
    assert answer[17:19] == "痛点"


def test_synonym_is_found_after_full_width_normalisation():
    answer = "Ｉ asked what they were worried about"
    key_point = KeyPointSpec(identifier="en", text="find the real need", synonyms=("worried about",))
    evidence = [item for item in find(answer, key_point) if item.rule == Rule.SYNONYM]
    assert [(item.start, item.end, item.quote) for item in evidence] == [(23, 36, "worried about")]
    assert answer[23:36] == "worried about"


def test_latin_keywords_match_whole_words_only():
    key_point = KeyPointSpec(identifier="en", text="x", keywords=("need",))
    assert [item for item in find("a needle", key_point) if item.rule == Rule.KEYWORD] == []


def test_character_ngrams_survive_an_asr_homophone():
    # 订单分割 heard as 订单分隔: 2 of 3 bigrams and 1 of 2 trigrams still match: 0.6 * 2/3 + 0.4 * 1/2.
    key_point = KeyPointSpec(identifier="kp", text="订单分割")
    evidence = find("主要是订单分隔", key_point)
    assert [(item.rule, item.quote) for item in evidence] == [(Rule.CHARACTER_NGRAM, "订单分")]
    assert evidence[0].strength == 0.6


def test_example_phrase_similarity_gives_evidence():
    evidence = [item for item in find("我先问清楚客户最担心什么，再做方案") if item.rule == Rule.EXAMPLE_PHRASE]
    assert len(evidence) == 1
    assert evidence[0].quote == "我先问清楚客户最担心什么"
    assert evidence[0].start == 0


def test_what_the_question_says_is_no_evidence():
    key_point = KeyPointSpec(identifier="kp", text="配送的种类分为综合配送")
    assert find("配送的种类", key_point, question="配送的种类有哪些？") == []


def test_decide_combines_rules_and_sets_status():
    match = decide(NEED, find("他们真正的痛点是停机"), hit_threshold=0.65, partial_threshold=0.35)
    assert match.status == Status.HIT
    assert match.evidence[0].rule == Rule.KEYWORD
    miss = decide(NEED, find("我喜欢打篮球"), hit_threshold=0.65, partial_threshold=0.35)
    assert (miss.status, miss.confidence, miss.evidence) == (Status.MISS, 0.0, ())
